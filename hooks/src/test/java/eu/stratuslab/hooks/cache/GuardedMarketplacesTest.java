package eu.stratuslab.hooks.cache;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.infra.net.CidrRange;
import eu.stratuslab.infra.net.HostResolver;
import eu.stratuslab.infra.net.UrlGuard;
import eu.stratuslab.infra.net.UrlPolicy;
import eu.stratuslab.marketplace.manifest.FetchResult;
import eu.stratuslab.marketplace.manifest.MarketplaceClient;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Issue 13 item 2: a marketplace a user names in a DISK SOURCE is fetched only where the site
 * allows. Traffic goes to a loopback server only; other addresses come from a stub resolver and
 * are refused before any connection.
 */
public class GuardedMarketplacesTest {
    private static final String ID = "BN1EEkPiBx87_uLj2-sdybSI-Xb";

    private HttpServer server;
    private int port;
    private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    private volatile String redirect;

    /** Names the tests use; anything else is unknown (no DNS is ever asked). */
    private static final HostResolver STUB = host -> {
        Map<String, String> table = Map.of("localhost", "127.0.0.1", "mp.internal.example", "10.20.30.40",
                "metadata.example", "169.254.169.254", "mp6.example", "fd00::1");
        String a = table.get(host);
        if (a == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {CidrRange.literal(a).orElseThrow()};
    };

    @Before
    public void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        port = server.getAddress().getPort();
    }

    @After
    public void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        if (redirect != null) {
            exchange.getResponseHeaders().add("Location", redirect);
            exchange.sendResponseHeaders(302, -1);
        } else {
            exchange.sendResponseHeaders(404, -1);
        }
        exchange.close();
    }

    private GuardedMarketplaces marketplaces(List<String> allow, URI site) {
        UrlGuard guard = UrlGuard.restricted(UrlPolicy.withAllowList("marketplace.url.allow", allow, Set::of), STUB);
        return new GuardedMarketplaces(new MarketplaceClient(Duration.ofSeconds(5), Duration.ofSeconds(5)),
                List.of(site), guard);
    }

    private URI loopback() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Test
    public void aUserGivenLoopbackMarketplaceIsRefusedWithoutAConnection() {
        GuardedMarketplaces m = marketplaces(List.of(), URI.create("https://marketplace.example.org"));
        FetchResult r = m.fetch(loopback(), ID);
        assertEquals(FetchResult.Status.UNREACHABLE, r.status());
        assertTrue(r.message(), r.message().contains("loopback address"));
        assertTrue(r.message(), r.message().contains("marketplace.url.allow"));
        assertEquals(List.of(), new ArrayList<>(seen));
    }

    @Test
    public void privateLinkLocalAndUniqueLocalNamesAreRefusedAfterResolution() {
        GuardedMarketplaces m = marketplaces(List.of(), URI.create("https://marketplace.example.org"));
        for (String[] c : new String[][] {{"http://mp.internal.example", "private"},
                {"http://metadata.example", "link-local"}, {"https://mp6.example:8443", "unique local"},
                {"http://10.1.2.3", "private"}, {"http://[::1]:" + port, "loopback"}}) {
            FetchResult r = m.fetch(URI.create(c[0]), ID);
            assertEquals(c[0], FetchResult.Status.UNREACHABLE, r.status());
            assertTrue(c[0] + ": " + r.message(), r.message().contains(c[1]));
        }
        FetchResult ftp = m.fetch(URI.create("ftp://127.0.0.1:" + port), ID);
        assertTrue(ftp.message(), ftp.message().contains("only http and https"));
        assertEquals(List.of(), new ArrayList<>(seen));
    }

    @Test
    public void theSiteMarketplaceIsReachedEvenOnLoopback() {
        GuardedMarketplaces m = marketplaces(List.of(), URI.create("http://127.0.0.1:" + port + "/"));
        FetchResult r = m.fetch(URI.create("http://127.0.0.1:" + port + "/"), ID);
        assertEquals(FetchResult.Status.NOT_FOUND, r.status());
        assertEquals(List.of("GET /metadata/" + ID), new ArrayList<>(seen));
    }

    @Test
    public void everyRedirectIsCheckedAgain() {
        // the allow list admits 127.0.0.1 itself, but the redirect goes to another loopback address
        redirect = "http://[::1]:" + port + "/elsewhere";
        GuardedMarketplaces m = marketplaces(List.of("127.0.0.1"), URI.create("https://marketplace.example.org"));
        FetchResult r = m.fetch(loopback(), ID);
        assertEquals(FetchResult.Status.UNREACHABLE, r.status());
        assertTrue(r.message(), r.message().contains("[::1] is not allowed: loopback"));
        assertEquals(List.of("GET /metadata/" + ID), new ArrayList<>(seen));
    }

    @Test
    public void theImageLocationOfAUserGivenMarketplaceIsChecked() throws Exception {
        GuardedMarketplaces m = marketplaces(List.of(), URI.create("https://marketplace.example.org"));
        URI user = URI.create("https://mp.users.example");
        IOException e = assertThrows(IOException.class,
                () -> m.checkLocation(user, "http://metadata.example/latest/meta-data"));
        assertTrue(e.getMessage(), e.getMessage().contains("link-local"));
        e = assertThrows(IOException.class, () -> m.checkLocation(user, "file:///etc/shadow"));
        assertTrue(e.getMessage(), e.getMessage().contains("only http and https"));
        // the site's own marketplace may point anywhere (its images are the site's)
        m.checkLocation(URI.create("https://marketplace.example.org/"), "http://10.0.0.1/image.img.gz");
        // and pdisk is told which imports are a user's choice
        assertTrue(m.trusted(URI.create("https://MARKETPLACE.example.org:443/marketplace")));
        assertFalse(m.trusted(user));
        assertFalse(m.trusted(URI.create("http://marketplace.example.org")));
    }
}
