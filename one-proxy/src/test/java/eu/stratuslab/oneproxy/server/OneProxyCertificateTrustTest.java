package eu.stratuslab.oneproxy.server;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import eu.emi.security.authn.x509.proxy.ProxyType;
import eu.stratuslab.authn.cert.GridTrust;
import eu.stratuslab.authn.cert.TrustSettings;
import eu.stratuslab.authn.testca.ClientCertificateHttp;
import eu.stratuslab.authn.testca.TestCa;
import eu.stratuslab.core.Core;
import eu.stratuslab.core.CoreSettings;
import eu.stratuslab.infra.db.DbSettings;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The one-proxy's {@code /cert/xmlrpc} on the grid trust (issue 11 item 9): on its own it applies the
 * default namespace policy of authn.md §8.1 (it used to ignore namespaces), on a shared
 * {@link GridTrust} the policy that trust carries, and a VOMS proxy is admitted through its VO.
 */
public class OneProxyCertificateTrustTest {

    private static TestCa ca;
    private static TestCa.Credential outsiderProxy;
    private static TestCa.Credential voMemberProxy;

    private Path dir;
    private Core core;
    private OneProxySettings settings;

    @BeforeClass
    public static void pki() throws Exception {
        ca = TestCa.shared();
        outsiderProxy = ca.proxyOf(ca.outsideNamespace, ProxyType.RFC3820);
        voMemberProxy = ca.vomsProxyOf(ca.issue("VO member", "CN=Vo Member, OU=LAL, O=CNRS, C=FR"));
    }

    @Before
    public void start() throws Exception {
        dir = Files.createTempDirectory("oneproxy-trust");
        Path authn = Files.createDirectories(dir.resolve("authn"));
        Path users = Files.writeString(authn.resolve("login-pswd.properties"), "oneadmin=password,cloud-access\n");
        Path certs = Files.writeString(authn.resolve("login-cert.properties"), "\"" + TestCa.USER_DN + "\" cloud-access\n"
                + "\"" + ca.outsideNamespace.leaf().getSubjectX500Principal().getName() + "\" cloud-access\n"
                + "\"vo:" + TestCa.VO + "\" cloud-access\n");
        Files.writeString(authn.resolve("login.conf"), "stratuslab-pswd {\n"
                + "  org.eclipse.jetty.jaas.spi.PropertyFileLoginModule sufficient file=\"" + users + "\";\n};\n"
                + "stratuslab-cert {\n  eu.stratuslab.authn.CertLoginModule sufficient file=\"" + certs + "\";\n};\n");
        core = Core.open(CoreSettings.defaults(DbSettings.h2Memory("trust" + UUID.randomUUID().toString().replace("-", "")),
                dir.resolve("var")).withMonitorInterval(null).withInitialOneadminPassword("password"));
        settings = new OneProxySettings("127.0.0.1", 0, "127.0.0.1", 0, true, "/one-proxy", true, authn, ca.caDir(),
                ca.vomsDir(), dir.resolve("server.p12"), "changeit".toCharArray(), "localhost", 1 << 20, 60);
    }

    @After
    public void stop() throws Exception {
        core.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    public void namespacePolicyIsEnforcedByDefault() throws Exception {
        try (OneProxyServer proxy = new OneProxyServer(core, settings)) {
            proxy.start();
            assertEquals(200, status(proxy, ca.user));
            assertEquals(403, status(proxy, ca.outsideNamespace));
            assertEquals(403, status(proxy, outsiderProxy));
            assertEquals(200, status(proxy, voMemberProxy));
        }
    }

    @Test
    public void theSharedTrustPolicyDecides() throws Exception {
        try (GridTrust ignoring = GridTrust.open(TrustSettings.fromStrings(ca.caDir().toString(), "IGNORE", null, null),
                ca.vomsDir()); OneProxyServer proxy = new OneProxyServer(core, settings, ignoring)) {
            proxy.start();
            assertEquals(200, status(proxy, ca.outsideNamespace));
            assertEquals(200, status(proxy, outsiderProxy));
            assertEquals(403, status(proxy, ca.untrusted));
        }
    }

    private static int status(OneProxyServer proxy, TestCa.Credential credential) throws Exception {
        String call = "<?xml version=\"1.0\"?><methodCall><methodName>one.user.info</methodName><params>"
                + "<param><value><string>dummy:pass</string></value></param>"
                + "<param><value><i4>-1</i4></value></param></params></methodCall>";
        HttpResponse<String> r = ClientCertificateHttp.client(credential).send(HttpRequest.newBuilder(proxy.certEndpoint())
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(call))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
            assertTrue(r.body(), r.body().contains("<boolean>1</boolean>"));
        }
        return r.statusCode();
    }
}
