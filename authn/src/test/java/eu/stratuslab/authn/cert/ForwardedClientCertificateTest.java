package eu.stratuslab.authn.cert;

import eu.stratuslab.authn.testca.TestCa;
import eu.stratuslab.authn.testca.TestCa.Credential;
import org.junit.BeforeClass;
import org.junit.Test;

import javax.security.auth.x500.X500Principal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Optional;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/** authn.md §8.4: the X-Client-Certificate header of a TLS-terminating reverse proxy. */
public class ForwardedClientCertificateTest {

    private static final String JANE = "CN=Jane Tester,OU=LAL,O=CNRS,C=FR";

    private static TestCa ca;

    @BeforeClass
    public static void createPki() throws Exception {
        ca = TestCa.shared();
    }

    @Test
    public void tabIndentedPemAsNginxSendsIt() {
        String pem = TestCa.pem(ca.user.leaf()).trim().replace("\n", "\n\t");
        assertArrayEquals(new X509Certificate[] {ca.user.leaf()}, ForwardedClientCertificate.parse(pem).orElseThrow());
        // the same after HTTP line unfolding (continuation lines joined by a space)
        assertArrayEquals(new X509Certificate[] {ca.user.leaf()},
                ForwardedClientCertificate.parse(pem.replace("\n\t", " ")).orElseThrow());
    }

    @Test
    public void urlEncodedChain() {
        StringBuilder chain = new StringBuilder();
        for (X509Certificate c : ca.rfcProxy.chain()) {
            chain.append(TestCa.pem(c));
        }
        String encoded = URLEncoder.encode(chain.toString(), StandardCharsets.UTF_8).replace("+", "%20");
        X509Certificate[] parsed = ForwardedClientCertificate.parse(encoded).orElseThrow();
        assertArrayEquals(ca.rfcProxy.chain(), parsed);
        assertEquals(JANE, ForwardedClientCertificate.identity(parsed));
    }

    @Test
    public void garbageIsNoCertificate() {
        assertEquals(Optional.empty(), ForwardedClientCertificate.parse(null));
        assertEquals(Optional.empty(), ForwardedClientCertificate.parse(""));
        assertEquals(Optional.empty(), ForwardedClientCertificate.parse("hello"));
        assertEquals(Optional.empty(),
                ForwardedClientCertificate.parse("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----"));
    }

    @Test
    public void loneProxyLeafLosesEveryLeadingProxyRdn() {
        for (Credential c : new Credential[] {ca.rfcProxy, ca.legacyProxy, ca.limitedProxy, ca.draftProxy, ca.proxyOfProxy}) {
            assertEquals(c.toString(), JANE, ForwardedClientCertificate.identity(new X509Certificate[] {c.leaf()}));
        }
        assertEquals(JANE, ForwardedClientCertificate.identity(new X509Certificate[] {ca.user.leaf()}));
    }

    @Test
    public void onlyProxyLikeCommonNamesAreStripped() {
        assertEquals("CN=Jane,O=X", ForwardedClientCertificate.stripProxyRdns(
                new X500Principal("CN=proxy,CN=12345,CN=limited proxy,CN=Jane,O=X")));
        assertEquals("CN=proxy server,O=X", ForwardedClientCertificate.stripProxyRdns(new X500Principal("CN=proxy server,O=X")));
        assertEquals("CN=12a,O=X", ForwardedClientCertificate.stripProxyRdns(new X500Principal("CN=12a,O=X")));
        assertTrue(ForwardedClientCertificate.stripProxyRdns(new X500Principal("CN=proxy")).equals("CN=proxy"));
    }
}
