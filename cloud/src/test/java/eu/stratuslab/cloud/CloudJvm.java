package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.stratuslab.core.testsupport.Await;
import eu.stratuslab.infra.fault.CrashPoint;
import eu.stratuslab.xmlrpc.XmlRpcClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The cloud of {@code ./stratuslab up} ({@link CloudLauncher#main}) as a separate JVM on one home,
 * for the kill -9 tests: started (optionally with a {@link CrashPoint} armed), killed with SIGKILL
 * ({@link Process#destroyForcibly}), started again on the same home. Output goes to a file per run.
 * Clients for the demo user (one-proxy), oneadmin (marketplace) and pdisk read the endpoints and
 * credentials the launcher writes into the home on every start (ports are 0, so they change).
 */
final class CloudJvm implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofMinutes(3);

    final Path home;
    private Process process;
    private Path output;
    private Map<String, String> endpoints = Map.of();
    private Map<String, String> passwords = Map.of();
    private Path pathFirst;
    private final HttpClient http = HttpClient.newBuilder().sslContext(trustAny())
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** The cloud's self-signed certificate on loopback. */
    private static javax.net.ssl.SSLContext trustAny() {
        try {
            return ReadinessCheck.trustAnyCertificate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    CloudJvm(Path home, String extraConfig) throws IOException {
        this.home = home;
        CloudSite.writeCloudCfg(home, CloudSite.EPHEMERAL_PORTS + extraConfig);
    }

    /** Later starts find the commands in {@code dir} before those on the PATH (a test's stand-in for a tool). */
    void withPathFirst(Path dir) {
        pathFirst = dir;
    }

    /** The file a thread stopped at the armed crash point writes. */
    Path crashFile() {
        return home.resolve("crash-point-reached");
    }

    /** Starts the cloud and waits for READY; {@code crashPoint} null: none armed. */
    void start(String crashPoint) throws Exception {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        Files.deleteIfExists(crashFile());
        Files.deleteIfExists(home.resolve("endpoints.txt"));
        output = home.resolve("cloud-" + System.nanoTime() + ".out");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx384m"));
        if (crashPoint != null) {
            cmd.add("-D" + CrashPoint.PROPERTY + "=" + crashPoint);
            cmd.add("-D" + CrashPoint.FILE_PROPERTY + "=" + crashFile());
        }
        cmd.addAll(List.of(CloudLauncher.class.getName(), "--home", home.toString()));
        // to a file, never to a pipe nobody drains (a full pipe would block the cloud)
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (pathFirst != null) {
            pb.environment().put("PATH", pathFirst + ":" + System.getenv("PATH"));
        }
        Process p = pb.redirectErrorStream(true).redirectOutput(output.toFile()).start();
        process = p;
        Await.await("the cloud JVM to print READY", START, () -> {
            if (!p.isAlive()) {
                throw new AssertionError("the cloud JVM exited with " + p.exitValue() + ":\n" + tail());
            }
            return read(output).lines().anyMatch("READY"::equals);
        }, this::tail);
        endpoints = pairs(home.resolve("endpoints.txt"), " ");
        passwords = pairs(home.resolve("credentials.txt"), ":");
    }

    /** kill -9, and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the cloud JVM survived SIGKILL");
        }
    }

    /** Waits until a thread of the cloud stopped at the armed crash point. */
    void awaitCrashPoint(Duration deadline) {
        Await.await("the cloud to reach its crash point", deadline, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the cloud JVM exited before its crash point:\n" + tail());
            }
            return Files.exists(crashFile());
        }, this::tail);
    }

    String tail() {
        List<String> l = read(output).lines().toList();
        return String.join("\n", l.subList(Math.max(0, l.size() - 60), l.size()));
    }

    private static String read(Path file) {
        try {
            return file != null && Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static Map<String, String> pairs(Path file, String separator) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int at = line.indexOf(separator);
            if (at > 0) {
                m.put(line.substring(0, at).strip(), line.substring(at + separator.length()).strip());
            }
        }
        return m;
    }

    String endpoint(String name) {
        return endpoints.get(name);
    }

    XmlRpcClient demo() {
        return new XmlRpcClient(URI.create(endpoints.get("one-proxy"))).withSslContext(trustAny())
                .withBasicAuth("demo", passwords.get("demo")).withRequestTimeout(Duration.ofSeconds(60));
    }

    int allocate(String template) throws Exception {
        List<?> r = (List<?>) demo().call("one.vm.allocate", "x", template);
        assertEquals(r.toString(), Boolean.TRUE, r.get(0));
        return (Integer) r.get(1);
    }

    String info(int id) throws Exception {
        List<?> r = (List<?>) demo().call("one.vm.info", "x", id);
        assertEquals(r.toString(), Boolean.TRUE, r.get(0));
        return (String) r.get(1);
    }

    void action(String action, int id) throws Exception {
        List<?> r = (List<?>) demo().call("one.vm.action", "x", action, id);
        assertEquals(r.toString(), Boolean.TRUE, r.get(0));
    }

    /** STATE/LCM_STATE of a VM, e.g. "3/3" RUNNING, "6/0" DONE. */
    String state(int id) throws Exception {
        String doc = info(id);
        return MarketplaceCloud.element(doc, "STATE") + "/" + MarketplaceCloud.element(doc, "LCM_STATE");
    }

    void await(int id, String state, Duration deadline) {
        Await.await("VM " + id + " in " + state, deadline, () -> {
            try {
                String s = state(id);
                if (s.startsWith("7/") && !state.startsWith("7/")) {
                    throw new AssertionError("VM " + id + " FAILED: " + MarketplaceCloud.element(info(id), "MESSAGE"));
                }
                return state.equals(s);
            } catch (AssertionError e) {
                throw e;
            } catch (Exception e) {
                return false;
            }
        }, () -> {
            try {
                return state(id) + "\n" + tail();
            } catch (Exception e) {
                return e + "\n" + tail();
            }
        });
    }

    /** oneadmin publishes an image by location on the embedded marketplace; its identifier. */
    String publishByLocation(URI location, String title) throws Exception {
        String form = "location=" + URLEncoder.encode(location.toString(), StandardCharsets.UTF_8)
                + "&title=" + URLEncoder.encode(title, StandardCharsets.UTF_8) + "&format=raw";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(endpoints.get("marketplace") + "/images/"))
                .header("Authorization", basic("oneadmin")).header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 201, r.statusCode());
        return JSON.readTree(r.body()).get("identifier").asText();
    }

    private String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + passwords.get(user))
                .getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest pdiskRequest(String user, String method, String path, String form) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoints.get("pdisk") + "/pswd/" + path))
                .timeout(Duration.ofSeconds(120)).header("Authorization", basic(user))
                .header("Accept", "application/json");
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
        }
        return b.method(method, form == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(form)).build();
    }

    /** A pdisk REST call as {@code demo} or {@code pdisk} (JSON answers; form body when not null). */
    HttpResponse<String> pdisk(String user, String method, String path, String form) throws Exception {
        return http.send(pdiskRequest(user, method, path, form), HttpResponse.BodyHandlers.ofString());
    }

    /** The same call sent without waiting for its answer (one the cloud will never give: it is killed). */
    CompletableFuture<HttpResponse<String>> pdiskAsync(String user, String method, String path, String form) {
        return http.sendAsync(pdiskRequest(user, method, path, form), HttpResponse.BodyHandlers.ofString());
    }

    String createVolume() throws Exception {
        HttpResponse<String> r = pdisk("demo", "POST", "disks/", "size=1");
        assertEquals(r.body(), 201, r.statusCode());
        return JSON.readTree(r.body()).get("uuid").asText();
    }

    JsonNode disk(String uuid) throws Exception {
        HttpResponse<String> r = pdisk("pdisk", "GET", "disks/" + uuid, null);
        assertEquals(r.body(), 200, r.statusCode());
        return JSON.readTree(r.body());
    }

    /** Every pdisk volume (as the pdisk superuser sees it). */
    List<JsonNode> disks() throws Exception {
        HttpResponse<String> r = pdisk("pdisk", "GET", "disks/", null);
        assertEquals(r.body(), 200, r.statusCode());
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(r.body()).forEach(out::add);
        return out;
    }

    /** The VM ids a volume is mounted on (one entry per mount record). */
    List<String> mountedOn(String uuid) throws Exception {
        HttpResponse<String> r = pdisk("pdisk", "GET", "disks/" + uuid + "/mounts/", null);
        assertEquals(r.body(), 200, r.statusCode());
        List<String> vms = new ArrayList<>();
        JSON.readTree(r.body()).forEach(m -> vms.add(m.get("vmId").asText()));
        return vms;
    }

    Path vmLog(int id) {
        return home.resolve("var/lib/one/log/" + id + ".log");
    }

    Path registrationFile(int id) {
        return home.resolve("var/lib/one/" + id + "/pdisk");
    }

    Path serialLog(int id) {
        return home.resolve("var/lib/one/" + id + "/serial.log");
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
