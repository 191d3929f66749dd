package eu.stratuslab.marketplace.server;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.Rule;
import org.junit.Test;

import com.sun.net.httpserver.HttpServer;

import eu.stratuslab.authn.AuthenticatedUser;
import eu.stratuslab.authn.Authenticator;
import eu.stratuslab.authn.http.BasicAuthHandler;
import eu.stratuslab.authn.support.ExpectContinueProbe;
import eu.stratuslab.marketplace.manifest.FetchResult;
import eu.stratuslab.marketplace.manifest.ImageIdentifier;
import eu.stratuslab.marketplace.manifest.ManifestEntry;
import eu.stratuslab.marketplace.manifest.ManifestSigner;
import eu.stratuslab.marketplace.manifest.MarketplaceClient;

/** The administrator publishes images by upload, by location, and through the Java API. */
public class AdministratorPublishingTest {

    @Rule
    public MarketplaceFixture mp = new MarketplaceFixture();

    private final MarketplaceClient client = new MarketplaceClient();
    private final byte[] image = imageBytes();

    private static byte[] imageBytes() {
        byte[] data = new byte[200_000];
        new Random(42).nextBytes(data);
        for (int i = 0; i < data.length; i += 3) {
            data[i] = 0; // compressible, like a real disk
        }
        return data;
    }

    private static String sha1(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /**
     * Uploads as curl does for large bodies, with {@code Expect: 100-continue}: a refusal (401,
     * 403) then comes before the body is sent, and the connection stays usable.
     */
    private HttpResponse<String> upload(String query, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(mp.url("/images/" + query))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return mp.send(b);
    }

    private HttpResponse<String> form(Map<String, String> fields, String... headers) throws Exception {
        StringBuilder text = new StringBuilder();
        fields.forEach((k, v) -> text.append(text.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder b = HttpRequest.newBuilder(mp.url("/images/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(text.toString()));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return mp.send(b);
    }

    private static Map<String, String> lines(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            int sp = line.indexOf(' ');
            out.put(line.substring(0, sp), line.substring(sp + 1));
        }
        return out;
    }

    @Test
    public void uploadedImageIsStoredServedAndDescribed() throws Exception {
        mp.start();
        Instant now = mp.clock.instant();
        HttpResponse<String> r = upload("?title=tiny%20linux&os=ttylinux&os-version=9.7&inbound-ports=22,80"
                + "&disks-bus=virtio", image, "X-Test-Admin", "yes");
        assertEquals(r.body(), 201, r.statusCode());
        String id = ImageIdentifier.fromSha1Hex(sha1(image));
        Map<String, String> answer = lines(r.body());
        assertEquals(id, answer.get("identifier"));
        assertEquals(mp.endpoint + "/metadata/" + id, answer.get("image"));
        String manifestUrl = mp.endpoint + "/metadata/" + id + "/" + MarketplaceFixture.ADMIN_EMAIL + "/" + now;
        assertEquals(manifestUrl, answer.get("manifest"));
        assertEquals(manifestUrl, r.headers().firstValue("Location").orElse(""));

        FetchResult fetched = client.fetch(mp.endpoint, id);
        assertEquals(FetchResult.Status.FOUND, fetched.status());
        ManifestEntry e = fetched.entries().get(0);
        assertEquals(Optional.of(id), e.identifier());
        assertEquals(OptionalLong.of(image.length), e.bytes());
        assertEquals(Optional.of(sha1(image)), e.sha1());
        assertEquals(Optional.of(MarketplaceFixture.ADMIN_EMAIL), e.endorserEmail());
        assertEquals(Optional.of(now), e.created());
        assertEquals(Optional.of(now.plus(Duration.ofDays(30))), e.valid());
        assertEquals(Optional.of("none"), e.compression());
        assertEquals(Optional.of("raw"), e.format());
        assertEquals(Optional.of("tiny linux"), e.title());
        assertEquals(Optional.of("ttylinux"), e.os());
        assertEquals(Optional.of("9.7"), e.osVersion());
        assertEquals(Optional.of("x86_64"), e.osArch());
        assertEquals(Optional.of("1.0"), e.version());
        assertEquals(Optional.of("virtio"), e.disksBus());
        assertEquals(List.of("22", "80"), e.inboundPorts());
        assertEquals(List.of(mp.endpoint + "/images/" + id), e.locations());
        assertEquals(List.of(), e.missingRequired());
        ManifestSigner.verify(e);

        HttpResponse<byte[]> download = mp.http.send(HttpRequest.newBuilder(URI.create(e.locations().get(0))).GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertArrayEquals(image, download.body());
    }

    @Test
    public void gzipUploadIsIdentifiedByItsUncompressedContent() throws Exception {
        mp.start();
        byte[] gz = gzip(image);
        HttpResponse<String> r = upload("", gz, "X-Test-Admin", "yes");
        assertEquals(r.body(), 201, r.statusCode());
        String id = ImageIdentifier.fromSha1Hex(sha1(image));
        ManifestEntry e = client.fetch(mp.endpoint, id).entries().get(0);
        assertEquals(OptionalLong.of(image.length), e.bytes());
        assertEquals(Optional.of(sha1(image)), e.sha1());
        assertEquals(Optional.of("gz"), e.compression());
        assertEquals(List.of(mp.endpoint + "/images/" + id + ".gz"), e.locations());
        byte[] served = mp.http.send(HttpRequest.newBuilder(URI.create(e.locations().get(0))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        assertArrayEquals(gz, served);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(served))) {
            assertArrayEquals(image, in.readAllBytes());
        }
    }

    @Test
    public void publishByLocationDownloadsOnceAndPointsThere() throws Exception {
        mp.start();
        byte[] gz = gzip(image);
        AtomicInteger downloads = new AtomicInteger();
        HttpServer origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        origin.createContext("/images/tiny.img.gz", exchange -> {
            downloads.incrementAndGet();
            exchange.sendResponseHeaders(200, gz.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(gz);
            }
        });
        origin.start();
        try {
            String base = "http://127.0.0.1:" + origin.getAddress().getPort();
            String url = base + "/images/tiny.img.gz";
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("location", url);
            fields.put("title", "remote tiny");
            fields.put("format", "qcow2");
            HttpResponse<String> r = form(fields, "X-Test-Admin", "yes", "Accept", "application/json");
            assertEquals(r.body(), 201, r.statusCode());
            assertTrue(r.body(), r.body().contains("\"location\" : \"" + url + "\""));
            assertEquals(1, downloads.get());

            ManifestEntry e = client.fetch(mp.endpoint, ImageIdentifier.fromSha1Hex(sha1(image))).entries().get(0);
            assertEquals(List.of(url), e.locations());
            assertEquals(OptionalLong.of(image.length), e.bytes());
            assertEquals(Optional.of(sha1(image)), e.sha1());
            assertEquals(Optional.of("gz"), e.compression());
            assertEquals(Optional.of("qcow2"), e.format());
            try (Stream<Path> stored = Files.list(mp.directory().resolve("images"))) {
                assertEquals("nothing stored for a location", 0, stored.count());
            }

            fields.put("location", base + "/images/missing.img");
            HttpResponse<String> missing = form(fields, "X-Test-Admin", "yes");
            assertEquals(400, missing.statusCode());
            assertEquals("cannot download " + base + "/images/missing.img: HTTP 404\n", missing.body());
        } finally {
            origin.stop(0);
        }
    }

    @Test
    public void aLocationThatNeverAnswersIsRefusedAfterTheTimeout() throws Exception {
        mp.config.downloadTimeout(Duration.ofMillis(400));
        mp.start();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "http://127.0.0.1:" + silent.getLocalPort() + "/never.img";
            HttpResponse<String> r = form(Map.of("location", url), "X-Test-Admin", "yes");
            assertEquals(400, r.statusCode());
            assertEquals("cannot download " + url + ": no answer within 400 ms\n", r.body());
        }
    }

    @Test
    public void onlyTheAdministratorPublishes() throws Exception {
        mp.start();
        HttpResponse<String> anonymous = upload("", image);
        assertEquals(401, anonymous.statusCode());
        assertEquals("Basic realm=\"StratusLab marketplace\"",
                anonymous.headers().firstValue("WWW-Authenticate").orElse(""));
        HttpResponse<String> someone = upload("", image, "Authorization", "Basic YWxpY2U6cHc=");
        assertEquals(403, someone.statusCode());
        assertEquals("only the site administrator may publish images\n", someone.body());
        assertEquals(FetchResult.Status.NOT_FOUND,
                client.fetch(mp.endpoint, ImageIdentifier.fromSha1Hex(sha1(image))).status());
    }

    @Test
    public void basicAuthenticationInFrontOfPublishingOnly() throws Exception {
        Authenticator passwords = new Authenticator() {
            @Override
            public Optional<AuthenticatedUser> authenticateWithPassword(String user, char[] password) {
                Map<String, String> known = Map.of("oneadmin", "secret", "alice", "pw");
                return password != null && new String(password).equals(known.get(user))
                        ? Optional.of(new AuthenticatedUser(user, Set.of("cloud-access")))
                        : Optional.empty();
            }

            @Override
            public Optional<AuthenticatedUser> authenticateWithCertificate(String dn,
                    java.security.cert.X509Certificate[] chain) {
                return Optional.empty();
            }
        };
        mp.gate = AuthenticatedAdministrator.withIdentities(Set.of("oneadmin"));
        mp.adminAuthentication = next -> new BasicAuthHandler(passwords, "StratusLab marketplace", null, next);
        mp.start();

        assertEquals("reading stays anonymous", FetchResult.Status.NOT_FOUND,
                client.fetch(mp.endpoint, ImageIdentifier.fromSha1Hex(sha1(image))).status());
        assertEquals(401, upload("", image).statusCode());
        assertEquals(403, upload("", image, "Authorization", basic("alice", "pw")).statusCode());
        assertEquals(401, upload("", image, "Authorization", basic("oneadmin", "wrong")).statusCode());
        HttpResponse<String> admin = upload("", image, "Authorization", basic("oneadmin", "secret"));
        assertEquals(admin.body(), 201, admin.statusCode());
        assertEquals(FetchResult.Status.FOUND,
                client.fetch(mp.endpoint, ImageIdentifier.fromSha1Hex(sha1(image))).status());
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void badPublicationsAreClientErrors() throws Exception {
        mp.config.maxImageBytes(100_000);
        mp.start();
        assertAnswer(400, "format must be raw or qcow2, not 'vmdk'", upload("?format=vmdk", new byte[10],
                "X-Test-Admin", "yes"));
        assertAnswer(400, "the image is empty", upload("", new byte[0], "X-Test-Admin", "yes"));
        byte[] corrupt = gzip(new byte[1000]);
        corrupt[corrupt.length / 2] ^= 0x55;
        corrupt[corrupt.length - 5] ^= 0x55;
        HttpResponse<String> broken = upload("", corrupt, "X-Test-Admin", "yes");
        assertEquals(broken.body(), 400, broken.statusCode());
        assertTrue(broken.body(), broken.body().startsWith("the image is not a valid gzip stream: "));
        assertAnswer(400, "the image location must be an http(s) URL: ftp://example.org/x.img",
                form(Map.of("location", "ftp://example.org/x.img"), "X-Test-Admin", "yes"));
        assertAnswer(400, "a form publication needs a 'location' parameter (the image URL); to upload the image"
                + " itself, send it as the request body with Content-Type application/octet-stream", form(Map.of("title", "x"), "X-Test-Admin", "yes"));
        assertAnswer(413, "the image is larger than 100000 bytes", upload("", image, "X-Test-Admin", "yes"));
        HttpResponse<String> multipart = mp.send(HttpRequest.newBuilder(mp.url("/images/"))
                .header("Content-Type", "multipart/form-data; boundary=x").header("X-Test-Admin", "yes")
                .POST(HttpRequest.BodyPublishers.ofString("--x--")));
        assertEquals(415, multipart.statusCode());
        try (Stream<Path> stored = Files.list(mp.directory().resolve("images"))) {
            assertEquals("nothing kept of refused uploads", 0, stored.count());
        }
    }

    /**
     * A client that waits for {@code 100 Continue} (curl does for large bodies) is refused a too
     * large image before it sends a byte of it: the answer is the final 413, never an interim 100.
     */
    @Test
    public void aTooLargeImageIsRefusedBeforeItsBodyIsSent() throws Exception {
        long max = eu.stratuslab.authn.http.UnreadBody.SWALLOW_MAX_BYTES + 1; // too large a body to drop: never asked for
        mp.config.maxImageBytes(max);
        mp.start();
        String answer = ExpectContinueProbe.send(mp.url("/images/"), "POST", max + 1, "X-Test-Admin", "yes",
                "Content-Type", "application/octet-stream");
        assertTrue(answer, answer.startsWith("HTTP/1.1 413 "));
        assertTrue(answer, answer.endsWith("\r\n\r\nthe image is larger than " + max + " bytes\n"));
        try (Stream<Path> stored = Files.list(mp.directory().resolve("images"))) {
            assertEquals("nothing kept of the refused upload", 0, stored.count());
        }
    }

    private static void assertAnswer(int status, String text, HttpResponse<String> r) {
        assertEquals(r.body(), status, r.statusCode());
        assertEquals(text + "\n", r.body());
    }

    @Test
    public void javaApiPublishesALocalFileOnceAndRenewsItsEntry() throws Exception {
        mp.start();
        Path file = mp.folder.newFile("local.img").toPath();
        Files.write(file, image);
        PublishResult first = mp.service.publish(ImageSource.file(file), ImageDescription.create().title("local"));
        String id = ImageIdentifier.fromSha1Hex(sha1(image));
        assertEquals(id, first.identifier());
        assertEquals(URI.create(mp.endpoint + "/metadata/" + id), first.imageUri());
        assertEquals(mp.endpoint + "/images/" + id, first.location());
        Path stored = mp.directory().resolve("images").resolve(id);
        assertArrayEquals(image, Files.readAllBytes(stored));
        long storedAt = Files.getLastModifiedTime(stored).toMillis();

        mp.clock.advance(Duration.ofHours(1));
        PublishResult second = mp.service.publish(ImageSource.file(file), ImageDescription.create().title("local"));
        assertEquals(storedAt, Files.getLastModifiedTime(stored).toMillis());
        FetchResult fetched = client.fetch(mp.endpoint, id);
        assertEquals(1, fetched.entries().size());
        assertEquals(second.entry().created(), fetched.entries().get(0).created().orElseThrow());
        assertTrue(second.entry().created().isAfter(first.entry().created()));
    }
}
