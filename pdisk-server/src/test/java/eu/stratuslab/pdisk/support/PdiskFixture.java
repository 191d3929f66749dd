package eu.stratuslab.pdisk.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.rules.ExternalResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.stratuslab.pdisk.PdiskConfig;
import eu.stratuslab.pdisk.PdiskServer;
import eu.stratuslab.pdisk.config.BackendSettings;
import eu.stratuslab.authn.tls.TlsSettings;
import eu.stratuslab.infra.exec.CommandRunner;
import eu.stratuslab.infra.exec.ProcessCommandRunner;

/**
 * A running pdisk on 127.0.0.1:<free port> with an H2 database and the file backend (real
 * qemu-img) in a temporary directory; node hot-plug goes to a recording runner.
 */
public final class PdiskFixture extends ExternalResource {

    public static final ObjectMapper JSON = new ObjectMapper();

    public final RecordingCommandRunner nodeRunner = new RecordingCommandRunner();
    public Path dir;
    public PdiskServer server;
    public URI endpoint;
    public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private long sizeMax = 1024;
    private UnaryOperator<PdiskConfig> tweak = UnaryOperator.identity();

    public PdiskFixture withSizeMax(long max) {
        this.sizeMax = max;
        return this;
    }

    /** Only the HTTP client helpers, for a pdisk that runs elsewhere (another process). */
    public static PdiskFixture clientOf(URI endpoint) {
        PdiskFixture f = new PdiskFixture();
        f.endpoint = endpoint;
        return f;
    }

    /** Further configuration (URL allow list, timeouts, ...) applied before start. */
    public PdiskFixture withConfig(UnaryOperator<PdiskConfig> change) {
        this.tweak = change;
        return this;
    }

    /** What every test server has: the defaults in {@code dir}, loopback only, file volumes in {@code dir/volumes}. */
    public static PdiskConfig localConfig(Path dir) {
        return PdiskConfig.defaults(dir).withBindHost("127.0.0.1").withBackend(BackendSettings.file(dir.resolve("volumes")));
    }

    /**
     * A pdisk on {@code cfg} (not started) as every test runs one: the test users, backend commands
     * run for real, node hot-plug commands given to {@code nodeRunner}.
     */
    public static PdiskServer testServer(PdiskConfig cfg, CommandRunner nodeRunner) {
        return new PdiskServer(cfg, null, new TestAuthLayer(), new ProcessCommandRunner(), nodeRunner);
    }

    /** {@link #localConfig} on HTTPS (any free port) with a generated localhost certificate, trusting {@code caDir}. */
    public static PdiskConfig httpsConfig(Path dir, Path caDir) {
        return localConfig(dir).withHttpsPort(0)
                .withTlsSettings(new TlsSettings(dir.resolve("host.p12"), "changeit".toCharArray(), caDir, "localhost"));
    }

    @Override
    protected void before() throws Throwable {
        dir = Files.createTempDirectory("pdisk-test");
        PdiskConfig cfg = localConfig(dir).withHttpPort(0).withSizeMaxGiB(sizeMax);
        cfg = tweak.apply(cfg);
        server = testServer(cfg, nodeRunner);
        server.start();
        endpoint = server.endpoint();
    }

    @Override
    protected void after() {
        if (server != null) {
            server.stop();
        }
        deleteTree(dir);
    }

    public Path volume(String uuid) {
        return dir.resolve("volumes").resolve(uuid);
    }

    /** The first {@code n} bytes of the volume of disk {@code uuid} (what a test wrote or imported). */
    public byte[] volumePrefix(String uuid, int n) throws IOException {
        try (InputStream in = Files.newInputStream(volume(uuid))) {
            return in.readNBytes(n);
        }
    }

    public static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temporary directory
        }
    }

    /** {@code <endpoint>/pswd/<path>} */
    public URI pswd(String path) {
        return URI.create(endpoint + "/pswd/" + path);
    }

    public static String basic(String user) {
        String pw = TestAuthLayer.USERS.get(user);
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + pw).getBytes(StandardCharsets.UTF_8));
    }

    public HttpRequest.Builder request(String user, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(pswd(path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (user != null) {
            b.header("Authorization", basic(user));
        }
        return b;
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String user, String path) {
        return send(request(user, path).GET().build());
    }

    public HttpResponse<String> delete(String user, String path) {
        return send(request(user, path).DELETE().build());
    }

    public HttpResponse<String> postForm(String user, String path, String form) {
        return postForm(user, path, form, "application/json");
    }

    /** A form POST whose answer is asked for in {@code accept} (the browser's and curl's forms). */
    public HttpResponse<String> postForm(String user, String path, String form, String accept) {
        return send(request(user, path).setHeader("Accept", accept).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    public HttpResponse<String> putForm(String user, String path, String form) {
        return send(request(user, path).header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    public HttpResponse<String> postEmpty(String user, String path) {
        return send(request(user, path).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Creates a disk and returns its uuid (asserting 201). */
    public String create(String user, String form) {
        HttpResponse<String> r = postForm(user, "disks/", form);
        if (r.statusCode() != 201) {
            throw new AssertionError("create failed: " + r.statusCode() + " " + r.body());
        }
        return json(r).get("uuid").asText();
    }

    public static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }
}
