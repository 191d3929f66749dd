package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.authn.testca.TestCa;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The authentication issue's acceptance on a running cloud: Python 3's xmlrpc.client over HTTPS
 * with a client certificate, and separately with an RFC 3820 proxy made from it, reaches
 * /one-proxy/cert/xmlrpc (and the legacy /cert/xmlrpc) as the same user; an expired proxy is
 * refused. The site's files are written the way an administrator would: the CA in
 * etc/grid-security/certificates and the DN in login-cert.properties.
 */
public class CertificateAcceptanceTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private CloudLauncher cloud;
    private Path home;
    private TestCa ca;

    @Before
    public void siteWithATrustedCa() throws Exception {
        home = tmp.newFolder("cloud").toPath();
        ca = TestCa.create(tmp.newFolder("pki").toPath());
        CloudHome layout = new CloudHome(home);
        Files.createDirectories(layout.gridCertificates());
        try (Stream<Path> files = Files.list(ca.caDir())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, layout.gridCertificates().resolve(f.getFileName()));
            }
        }
        Files.createDirectories(layout.authn());
        Files.writeString(layout.certFile(), "\"" + TestCa.USER_DN + "\" cloud-access\n");
        Files.writeString(layout.cloudCfg(), "rpc2.port = 0\nproxy.port = 0\npdisk.port = 0\nmarketplace.port = 0\n");
        cloud = new CloudLauncher(layout);
        cloud.start(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @After
    public void stop() throws Exception {
        cloud.close();
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
        Path cert = tmp.newFile().toPath();
        Path key = tmp.newFile().toPath();
        credential.writePem(cert, key);
        return runPython("""
                import ssl, sys, urllib.request, urllib.error
                url, cert, key = sys.argv[1:4]
                ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                ctx.check_hostname = False
                ctx.verify_mode = ssl.CERT_NONE
                ctx.load_cert_chain(cert, key)
                try:
                    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "application/json"}), context=ctx) as r:
                        r.read()
                        print(r.status)
                except urllib.error.HTTPError as e:
                    print(e.code)
                """, url, cert.toString(), key.toString());
    }

    /** "200 <account name>" or the HTTP status of the refusal. */
    private String whoAmI(String endpoint, TestCa.Credential credential) throws Exception {
        Path cert = tmp.newFile().toPath();
        Path key = tmp.newFile().toPath();
        credential.writePem(cert, key);
        return runPython("""
                import ssl, sys, xmlrpc.client, re
                endpoint, cert, key = sys.argv[1:4]
                ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                ctx.check_hostname = False
                ctx.verify_mode = ssl.CERT_NONE
                ctx.load_cert_chain(cert, key)
                s = xmlrpc.client.ServerProxy(endpoint, context=ctx)
                try:
                    ok, doc, code = s.one.user.info("dummy:pass", -1)
                    assert ok, doc
                    print("200 " + re.search("<NAME>(.*?)</NAME>", doc).group(1))
                except xmlrpc.client.ProtocolError as e:
                    print(e.errcode)
                """, endpoint, cert.toString(), key.toString());
    }

    private String runPython(String code, String... args) throws Exception {
        Path script = tmp.newFile().toPath();
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
