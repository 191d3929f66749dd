package eu.stratuslab.pdisk.fetch;

import eu.stratuslab.infra.net.CidrRange;
import eu.stratuslab.infra.net.UrlPolicy;
import eu.stratuslab.infra.net.HostResolver;
import eu.stratuslab.infra.net.UrlGuard;
import eu.stratuslab.infra.net.UrlRefusedException;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;

import eu.stratuslab.pdisk.support.ImageHttpServer;

/**
 * Address classification of the URL import (no server-side request forgery). Everything here is
 * decided from literal addresses or a stub resolver: no name is looked up and, except for the
 * loopback server of the rebinding test, no connection is opened.
 */
public class UrlGuardTest {

    private static final Set<InetAddress> OWN = Set.of(literal("198.51.100.7"));

    private static InetAddress literal(String s) {
        return CidrRange.literal(s).orElseThrow(() -> new AssertionError("not a literal: " + s));
    }

    /** Resolves only the names in {@code table}; records every question. */
    private static final class StubResolver implements HostResolver {
        final Map<String, List<String>> table;
        final List<String> asked = new ArrayList<>();

        StubResolver(Map<String, List<String>> table) {
            this.table = table;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            asked.add(host);
            List<String> a = table.get(host);
            if (a == null) {
                throw new UnknownHostException(host);
            }
            return a.stream().map(UrlGuardTest::literal).toArray(InetAddress[]::new);
        }
    }

    private static UrlGuard restricted(List<String> allow, HostResolver resolver) {
        return UrlGuard.restricted(UrlPolicy.withAllowList("disk.store.url.allow", allow, () -> OWN), resolver);
    }

    private static String refusal(UrlGuard guard, String url) throws Exception {
        try {
            guard.check(URI.create(url));
            return null;
        } catch (UrlRefusedException e) {
            return e.getMessage();
        }
    }

    @Test
    public void nonPublicLiteralsAreRefusedWithTheirClass() throws Exception {
        StubResolver none = new StubResolver(Map.of());
        UrlGuard guard = restricted(List.of(), none);
        Map<String, String> refused = Map.ofEntries(
                Map.entry("127.0.0.1", "loopback"), Map.entry("127.8.9.10", "loopback"), Map.entry("[::1]", "loopback"),
                Map.entry("10.1.2.3", "private (RFC 1918)"), Map.entry("172.16.0.1", "private (RFC 1918)"),
                Map.entry("172.31.255.254", "private (RFC 1918)"), Map.entry("192.168.1.1", "private (RFC 1918)"),
                Map.entry("100.64.0.1", "private (shared address space)"),
                Map.entry("[fc00::1]", "private (unique local)"), Map.entry("[fd12:3456::1]", "private (unique local)"),
                Map.entry("169.254.169.254", "link-local"), Map.entry("[fe80::1]", "link-local"),
                Map.entry("0.0.0.0", "unspecified"), Map.entry("[::]", "unspecified"), Map.entry("0.1.2.3", "unspecified"),
                Map.entry("224.0.0.1", "multicast"), Map.entry("[ff02::1]", "multicast"),
                Map.entry("[::ffff:10.0.0.1]", "private (RFC 1918)"), Map.entry("[::ffff:127.0.0.1]", "loopback"),
                Map.entry("198.51.100.7", "an address of this server"));
        for (Map.Entry<String, String> e : refused.entrySet()) {
            String why = refusal(guard, "http://" + e.getKey() + ":8080/image.img");
            assertTrue(e.getKey() + ": " + why, why != null && why.contains(": " + e.getValue() + " address"));
        }
        for (String ok : List.of("8.8.8.8", "93.184.216.34", "172.32.0.1", "192.169.0.1", "100.128.0.1", "[2001:4860:4860::8888]")) {
            assertEquals(ok, null, refusal(guard, "https://" + ok + "/image.img"));
        }
        assertEquals("literals are never looked up", List.of(), none.asked);
    }

    @Test
    public void namesAreJudgedByEveryAddressTheyResolveTo() throws Exception {
        StubResolver dns = new StubResolver(Map.of(
                "images.example.org", List.of("93.184.216.34", "2606:2800:220:1::1"),
                "intranet.example.org", List.of("10.20.30.40"),
                "mixed.example.org", List.of("93.184.216.34", "192.168.0.10"),
                "metadata.example.org", List.of("169.254.169.254"),
                "marketplace.example.org", List.of("172.16.5.5")));
        UrlGuard guard = restricted(List.of(), dns);
        assertEquals(null, refusal(guard, "https://images.example.org/a.img.gz"));
        assertEquals("URL import from intranet.example.org (10.20.30.40) is not allowed: private (RFC 1918) address"
                + " (the site's allow list is disk.store.url.allow)", refusal(guard, "http://intranet.example.org/a"));
        assertTrue(refusal(guard, "http://mixed.example.org/a").contains("(192.168.0.10)"));
        assertTrue(refusal(guard, "http://metadata.example.org/latest").contains("link-local"));
        assertTrue(refusal(guard, "http://marketplace.example.org/a").contains("private"));
        try {
            guard.check(URI.create("http://unknown.example.org/a"));
            fail();
        } catch (UnknownHostException expected) {
            // not a refusal: the name does not exist
        }
    }

    @Test
    public void theAllowListAdmitsNamedHostsAndRanges() throws Exception {
        StubResolver dns = new StubResolver(Map.of(
                "marketplace.example.org", List.of("172.16.5.5"),
                "other.example.org", List.of("172.16.5.6"),
                "lab.example.org", List.of("10.9.8.7")));
        UrlGuard guard = restricted(List.of("Marketplace.Example.org", "10.0.0.0/8", "fd00::/8"), dns);
        assertEquals(null, refusal(guard, "http://marketplace.example.org/images/a.img"));
        assertTrue(refusal(guard, "http://other.example.org/a").contains("private"));
        assertEquals(null, refusal(guard, "http://lab.example.org/a"));
        assertEquals(null, refusal(guard, "http://10.200.0.1/a"));
        assertEquals(null, refusal(guard, "http://[fd00::5]/a"));
        assertTrue(refusal(guard, "http://[fc00::5]/a").contains("unique local"));
        assertTrue(refusal(guard, "http://11.0.0.1/a") == null);
        try {
            UrlPolicy.withAllowList("disk.store.url.allow", List.of("10.0.0.0/33"));
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("disk.store.url.allow"));
        }
    }

    @Test
    public void onlyHttpAndHttpsForEverybodyButAddressesOnlyForOrdinaryUsers() throws Exception {
        StubResolver dns = new StubResolver(Map.of("intranet.example.org", List.of("10.20.30.40")));
        UrlGuard superuser = UrlGuard.unrestricted(dns);
        assertEquals(null, refusal(superuser, "http://127.0.0.1:9/a"));
        assertEquals(null, refusal(superuser, "https://intranet.example.org/a"));
        for (UrlGuard g : List.of(superuser, restricted(List.of(), dns))) {
            for (String url : List.of("file:///etc/passwd", "ftp://8.8.8.8/a", "gopher://8.8.8.8/a", "jar:http://8.8.8.8/a!/b")) {
                String why = refusal(g, url);
                assertTrue(url + ": " + why, why != null && why.startsWith("only http and https"));
            }
        }
    }

    @Test
    public void aNameThatResolvesElsewhereAtConnectTimeIsRefusedWithoutConnecting() throws Exception {
        try (ImageHttpServer http = new ImageHttpServer(new byte[] {1, 2, 3})) {
            // first answer public (passes the check), then loopback (DNS rebinding)
            AtomicInteger calls = new AtomicInteger();
            HostResolver rebinding = host -> new InetAddress[] {
                literal(calls.getAndIncrement() == 0 ? "93.184.216.34" : "127.0.0.1")};
            ImageFetcher fetcher = new ImageFetcher(ImageFetcher.Settings.defaults());
            URI url = URI.create("http://rebinding.example.org:" + http.port() + "/image.img");
            try (InputStream in = fetcher.open(url, restricted(List.of(), rebinding), 1 << 20)) {
                fail("connected to " + in);
            } catch (UrlRefusedException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("loopback"));
            }
            assertEquals("checked once before the request and again when connecting", 2, calls.get());
            assertEquals(0, http.requests());
        }
    }
}
