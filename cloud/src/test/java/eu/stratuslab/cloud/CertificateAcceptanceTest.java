package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.authn.testca.TestCa;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;

/**
 * The authentication issue's acceptance on a running cloud: Python 3's xmlrpc.client over HTTPS
 * with a client certificate, and separately with an RFC 3820 proxy made from it, reaches
 * /one-proxy/cert/xmlrpc (and the legacy /cert/xmlrpc) as the same user; an expired proxy is
 * refused. The site's files are written the way an administrator would: the CA in
 * etc/grid-security/certificates and the DN in login-cert.properties.
 */
public class CertificateAcceptanceTest extends OnACloudSite {
    private CloudLauncher cloud;
    private TestCa ca;

    @Before
    public void siteWithATrustedCa() throws Exception {
        ca = TestCa.create(site.newFolder("pki"));
        CloudHome layout = site.trustingHome(ca.caDir(), "\"" + TestCa.USER_DN + "\" cloud-access\n",
                CloudSite.EPHEMERAL_PORTS);
        cloud = site.start(layout);
    }

    @Test
    public void certificateAndItsProxyAreTheSameUserAndAnExpiredProxyIsRefused() throws Exception {
        String certEndpoint = cloud.endpoints().get("one-proxy-cert");
        String legacyEndpoint = certEndpoint.replace("/one-proxy/cert/xmlrpc", "/cert/xmlrpc");
        String expectedAccount = "CN%3DJane+Tester%2COU%3DLAL%2CO%3DCNRS%2CC%3DFR";

        assertEquals("200 " + expectedAccount, whoAmI(certEndpoint, ca.user));
        assertEquals("200 " + expectedAccount, whoAmI(certEndpoint, ca.rfcProxy));
        assertEquals("200 " + expectedAccount, whoAmI(legacyEndpoint, ca.rfcProxy));
        assertEquals("403", whoAmI(certEndpoint, ca.expiredProxy));
        assertEquals("403", whoAmI(certEndpoint, ca.untrusted));
    }

    @Test
    public void pdiskCertPathAcceptsTheCertificateAndItsProxy() throws Exception {
        String disks = cloud.endpoints().get("pdisk") + "/cert/disks/";
        assertEquals("200", pdiskStatus(disks, ca.user));
        assertEquals("200", pdiskStatus(disks, ca.rfcProxy));
        assertEquals("403", pdiskStatus(disks, ca.expiredProxy));
    }

    private String pdiskStatus(String url, TestCa.Credential credential) throws Exception {
        return runPythonTlsClient(url, credential, "urllib.request, urllib.error", """
                try:
                    with urllib.request.urlopen(urllib.request.Request(target, headers={"Accept": "application/json"}), context=ctx) as r:
                        r.read()
                        print(r.status)
                except urllib.error.HTTPError as e:
                    print(e.code)
                """);
    }

    /** "200 <account name>" or the HTTP status of the refusal. */
    private String whoAmI(String endpoint, TestCa.Credential credential) throws Exception {
        return runPythonTlsClient(endpoint, credential, "xmlrpc.client, re", """
                s = xmlrpc.client.ServerProxy(target, context=ctx)
                try:
                    ok, doc, code = s.one.user.info("dummy:pass", -1)
                    assert ok, doc
                    print("200 " + re.search("<NAME>(.*?)</NAME>", doc).group(1))
                except xmlrpc.client.ProtocolError as e:
                    print(e.errcode)
                """);
    }

    /**
     * Runs {@code body} in Python with {@code target}, and {@code ctx}: a TLS client context that presents
     * {@code credential} and accepts the cloud's self-signed certificate.
     */
    private String runPythonTlsClient(String target, TestCa.Credential credential, String modules, String body)
            throws Exception {
        Path cert = site.tmp().newFile().toPath();
        Path key = site.tmp().newFile().toPath();
        credential.writePem(cert, key);
        return runPython("import ssl, sys, " + modules + "\n" + """
                target, cert, key = sys.argv[1:4]
                ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                ctx.check_hostname = False
                ctx.verify_mode = ssl.CERT_NONE
                ctx.load_cert_chain(cert, key)
                """ + body, target, cert.toString(), key.toString());
    }

    private String runPython(String code, String... args) throws Exception {
        Path script = site.tmp().newFile().toPath();
        Files.writeString(script, code);
        java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of("python3", script.toString()));
        argv.addAll(java.util.List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assume.assumeTrue("python3 is not available", "1".equals(System.getenv("STRATUSLAB_FULL_TESTS")));
            throw e;
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(out, 0, p.exitValue());
        return out;
    }
}
