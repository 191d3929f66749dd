package eu.stratuslab.marketplace.manifest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The client against a scripted loopback HTTP server (and a socket that never answers). */
public class MarketplaceClientTest {

    private HttpServer server;
    private URI marketplace;
    private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    private volatile int status = 200;
    private volatile byte[] body = new byte[0];
    private volatile String location;

    @Before
    public void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/mp", this::answer);
        server.start();
        marketplace = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mp/");
    }

    @After
    public void stopServer() {
        server.stop(0);
    }

    /** Fetches the example entry from the test marketplace, which answers {@link #status} and {@link #body}. */
    private FetchResult fetchExample() {
        return new MarketplaceClient().fetch(marketplace, ManifestFixtures.EXAMPLE_ID);
    }

    /** As {@link #fetchExample()} with the marketplace answering {@code answerStatus} and {@code answerBody}. */
    private FetchResult fetchExample(int answerStatus, String answerBody) {
        status = answerStatus;
        body = answerBody.getBytes(StandardCharsets.UTF_8);
        return fetchExample();
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] request = exchange.getRequestBody().readAllBytes();
        seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " accept="
                + exchange.getRequestHeaders().getFirst("Accept") + " body=" + request.length);
        if (location != null) {
            exchange.getResponseHeaders().add("Location", location);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    public void foundGivesTheEntries() {
        body = ManifestFixtures.exampleBytes();
        FetchResult r = fetchExample();
        assertEquals(FetchResult.Status.FOUND, r.status());
        assertEquals(1, r.entries().size());
        assertEquals(Optional.of(ManifestFixtures.EXAMPLE_SHA1), r.entries().get(0).sha1());
        assertEquals(List.of("GET /mp/metadata/" + ManifestFixtures.EXAMPLE_ID + " accept=application/xml body=0"),
                new ArrayList<>(seen));
    }

    @Test
    public void notFoundIsDistinct() {
        FetchResult r = fetchExample(404, "no valid entry");
        assertEquals(FetchResult.Status.NOT_FOUND, r.status());
        assertTrue(r.entries().isEmpty());
    }

    @Test
    public void serverErrorsAndBadDocumentsAreUnreachable() {
        FetchResult error = fetchExample(500, "database\n  down");
        assertEquals(FetchResult.Status.UNREACHABLE, error.status());
        assertEquals("marketplace answered HTTP 500 to GET " + marketplace + "metadata/" + ManifestFixtures.EXAMPLE_ID
                + ": database down", error.message());

        FetchResult html = fetchExample(200, "<html>maintenance</html>");
        assertEquals(FetchResult.Status.UNREACHABLE, html.status());
        assertTrue(html.message(), html.message().contains("unusable manifest: not a marketplace manifest"));
    }

    @Test
    public void aSocketThatNeverAnswersIsUnreachableWithinTheTimeouts() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // keep the connection open, never answer
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            URI mp = URI.create("http://127.0.0.1:" + silent.getLocalPort());
            MarketplaceClient client = new MarketplaceClient(Duration.ofMillis(500), Duration.ofMillis(300));
            FetchResult r = client.fetch(mp, ManifestFixtures.EXAMPLE_ID);
            assertEquals(FetchResult.Status.UNREACHABLE, r.status());
            assertEquals("marketplace http://127.0.0.1:" + silent.getLocalPort() + " did not answer within 300 ms (GET "
                    + mp + "/metadata/" + ManifestFixtures.EXAMPLE_ID + ")", r.message());
        }
    }

    @Test
    public void aClosedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        FetchResult r = new MarketplaceClient(Duration.ofSeconds(2), Duration.ofSeconds(2))
                .fetch(URI.create("http://127.0.0.1:" + port), ManifestFixtures.EXAMPLE_ID);
        assertEquals(FetchResult.Status.UNREACHABLE, r.status());
        assertTrue(r.message(), r.message().startsWith("marketplace http://127.0.0.1:" + port + " unreachable"));
    }

    @Test
    public void uploadPostsToTheMetadataCollection() throws Exception {
        status = 201;
        location = "/mp/metadata/" + ManifestFixtures.EXAMPLE_ID + "/jane@example.org/2014-06-12T10:11:12Z";
        byte[] xml = ManifestFixtures.exampleBytes();
        URI stored = new MarketplaceClient().upload(marketplace, xml);
        assertEquals(marketplace.resolve(location), stored);
        assertEquals(List.of("POST /mp/metadata/ accept=text/plain, application/xml body=" + xml.length),
                new ArrayList<>(seen));
    }

    @Test
    public void refusedUploadCarriesTheServersText() {
        status = 400;
        body = "the manifest entry is not signed".getBytes(StandardCharsets.UTF_8);
        MarketplaceException e = assertThrows(MarketplaceException.class,
                () -> new MarketplaceClient().upload(marketplace, ManifestFixtures.exampleBytes()));
        assertEquals(400, e.status());
        assertTrue(e.getMessage(), e.getMessage().endsWith("refused the manifest: HTTP 400: the manifest entry is not signed"));
    }

    @Test
    public void splitsMarketplaceDiskSources() {
        String id = ManifestFixtures.EXAMPLE_ID;
        assertEquals(Optional.of(new ImageReference(URI.create("https://marketplace.stratuslab.eu"), id)),
                MarketplaceClient.parseDiskSource("https://marketplace.stratuslab.eu/metadata/" + id));
        assertEquals(Optional.of(new ImageReference(URI.create("http://127.0.0.1:8080/marketplace"), id)),
                MarketplaceClient.parseDiskSource("http://127.0.0.1:8080/marketplace/metadata/" + id
                        + "/jane@example.org/2014-06-12T10:11:12Z"));
        assertEquals(URI.create("http://127.0.0.1:8080/marketplace/metadata/" + id),
                MarketplaceClient.parseDiskSource(" http://127.0.0.1:8080/marketplace/metadata/" + id + "?x=1 ")
                        .orElseThrow().manifestUri());
        assertEquals(Optional.empty(), MarketplaceClient.parseDiskSource("pdisk:cloud.example.org:443:abc"));
        assertEquals(Optional.empty(), MarketplaceClient.parseDiskSource("http://images.example.org/" + id));
        assertEquals(Optional.empty(), MarketplaceClient.parseDiskSource("http://mp.example.org/metadata/short"));
        assertEquals(Optional.empty(), MarketplaceClient.parseDiskSource("ftp://mp.example.org/metadata/" + id));
        assertEquals(Optional.empty(), MarketplaceClient.parseDiskSource(null));
        assertThrows(IllegalArgumentException.class,
                () -> MarketplaceClient.manifestUri(URI.create("http://mp.example.org"), "../etc"));
    }
}
