package eu.stratuslab.oneproxy.server;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.authn.cert.GridTrust;
import eu.stratuslab.authn.cert.TrustSettings;
import eu.stratuslab.core.Core;
import eu.stratuslab.core.CoreSettings;
import eu.stratuslab.infra.db.DbSettings;
import eu.stratuslab.infra.metrics.Metrics;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import java.util.UUID;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The credential-free {@code /metrics} of the /RPC2 listener refuses a peer that is not loopback,
 * whatever address the listener is bound to: the listener is bound to this machine's own
 * non-loopback address and the request comes from it (it never leaves the machine). Skipped on a
 * machine without such an address; the rule itself is {@code MetricsAccessTest}.
 */
public class MetricsEndpointTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void aNonLoopbackPeerIsRefused() throws Exception {
        Optional<InetAddress> own = ownNonLoopbackAddress();
        Assume.assumeTrue("this machine has no non-loopback IPv4 address", own.isPresent());
        Path dir = tmp.getRoot().toPath();
        Path authn = Files.createDirectories(dir.resolve("authn"));
        Files.writeString(authn.resolve("login-pswd.properties"), "alice=secret,cloud-access\n");
        String module = "  org.eclipse.jetty.jaas.spi.PropertyFileLoginModule sufficient file=\"login-pswd.properties\";\n";
        Files.writeString(authn.resolve("login.conf"), "stratuslab-pswd {\n" + module + "};\nstratuslab-cert {\n" + module
                + "};\n");
        Files.createDirectories(dir.resolve("certificates"));
        String host = own.get().getHostAddress();
        Metrics metrics = Metrics.prometheus();
        try (GridTrust trust = GridTrust.open(new TrustSettings(dir.resolve("certificates"),
                TrustSettings.DEFAULT_NAMESPACE_MODE, TrustSettings.DEFAULT_CRL_MODE, TrustSettings.DEFAULT_RELOAD_INTERVAL),
                dir.resolve("vomsdir"));
             Core core = Core.open(CoreSettings.defaults(DbSettings.h2Memory("metrics" + UUID.randomUUID().toString()
                .replace("-", "")), dir).withMonitorInterval(null).withInitialOneadminPassword("password"));
             OneProxyServer server = new OneProxyServer(core, new OneProxySettings(host, 0, "127.0.0.1", 0, false,
                     "/one-proxy", false, authn, dir.resolve("certificates"), dir.resolve("vomsdir"),
                     dir.resolve("keystore.p12"), "changeit".toCharArray(), "localhost", 1 << 20, 0),
                     trust, metrics)) {
            server.start();
            URI url = server.rpc2MetricsEndpoint();
            assertEquals(host, url.getHost());
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(r.body(), 403, r.statusCode());
            assertTrue(r.body(), r.body().contains("loopback clients only"));
            assertFalse(r.body(), r.body().contains("jvm_"));
        }
    }

    private static Optional<InetAddress> ownNonLoopbackAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }
}
