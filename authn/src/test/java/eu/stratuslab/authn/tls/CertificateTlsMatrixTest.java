package eu.stratuslab.authn.tls;

import eu.stratuslab.authn.testca.TestCa;
import eu.stratuslab.authn.testca.TestCa.Credential;
import org.junit.ClassRule;
import org.junit.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Real TLS handshakes (TLS 1.3 and 1.2) against a running Jetty with {@link ServerTls} and
 * {@code CertificateAuthHandler}: every bad credential gets HTTP 403, every good one reaches the
 * echo handler with the EEC DN as identity (authn.md §7, §8, §9).
 */
public class CertificateTlsMatrixTest {

    private static final String JANE = "CN=Jane Tester,OU=LAL,O=CNRS,C=FR";
    private static final String JANE_ACCOUNT = "CN%3DJane+Tester%2COU%3DLAL%2CO%3DCNRS%2CC%3DFR";

    @ClassRule
    public static final CertTlsServerRule TLS = new CertTlsServerRule();

    @Test
    public void matrixOverTls13() throws Exception {
        runMatrix("TLSv1.3");
    }

    @Test
    public void matrixOverTls12() throws Exception {
        runMatrix("TLSv1.2");
    }

    private void runMatrix(String protocol) throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<Credential, Boolean> e : TLS.ca().expectedValidity().entrySet()) {
            HttpResponse<String> r = TLS.server().get(e.getKey(), protocol);
            int expected = e.getValue() ? 200 : 403;
            if (r.statusCode() != expected) {
                wrong.add(e.getKey() + ": HTTP " + r.statusCode() + " instead of " + expected);
            }
        }
        assertTrue(protocol + ": " + wrong, wrong.isEmpty());
    }

    @Test
    public void proxiesOfAnyDepthAuthenticateAsTheEec() throws Exception {
        TestCa ca = TLS.ca();
        for (Credential c : List.of(ca.user, ca.rfcProxy, ca.legacyProxy, ca.draftProxy, ca.limitedProxy, ca.proxyOfProxy)) {
            String[] echo = echo(c);
            assertEquals(c.toString(), JANE, echo[0]);
            assertEquals(c.toString(), JANE_ACCOUNT, echo[1]);
            assertEquals(c.toString(), "cloud-access", echo[2]);
        }
    }

    @Test
    public void emailAndMultiValuedDnsUseRfc2253Form() throws Exception {
        String[] email = echo(TLS.ca().emailUser);
        assertEquals("1.2.840.113549.1.9.1=#16106a616e65406578616d706c652e6f7267,CN=Jane Tester,OU=LAL,O=CNRS,C=FR", email[0]);
        assertEquals("1.2.840.113549.1.9.1%3D%2316106a616e65406578616d706c652e6f7267%2CCN%3DJane+Tester%2COU%3DLAL%2CO%3DCNRS%2CC%3DFR",
                email[1]);
        String[] multi = echo(TLS.ca().multiRdnUser);
        assertEquals("CN=Jean+UID=jd,OU=Ops\\, Inc,DC=example,DC=org", multi[0]);
        assertEquals("CN%3DJean%2BUID%3Djd%2COU%3DOps%5C%2C+Inc%2CDC%3Dexample%2CDC%3Dorg", multi[1]);
    }

    @Test
    public void vomsFqansBecomeRoles() throws Exception {
        String[] echo = echo(TLS.ca().vomsProxy);
        assertEquals(JANE, echo[0]);
        assertEquals("/vo.example.org,/vo.example.org/Role=admin,cloud-access", echo[2]);
    }

    @Test
    public void voPseudoUserAdmitsAMemberOfTheVo() throws Exception {
        Credential member = TLS.ca().voMember();
        String[] echo = echo(TLS.ca().voMemberProxy());
        assertEquals("CN=Vo Member,OU=LAL,O=CNRS,C=FR", echo[0]);
        assertEquals("/vo.example.org,/vo.example.org/Role=admin,cloud-access", echo[2]);
        // the same person without VOMS attributes is unknown
        assertEquals(403, status(TLS.ca().proxyOf(member, eu.emi.security.authn.x509.proxy.ProxyType.RFC3820)));
        assertEquals(403, status(member));
    }

    @Test
    public void concurrentLoginsGetConsistentVerdicts() throws Exception {
        TestCa ca = TLS.ca();
        List<Credential> mix = List.of(ca.rfcProxy, ca.vomsProxy, ca.expiredProxy, ca.revokedUser, ca.proxyOfProxy, ca.untrusted);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                Credential c = mix.get(i % mix.size());
                results.add(pool.submit(() -> c + "=" + status(c)));
            }
            List<String> wrong = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                Credential c = mix.get(i % mix.size());
                String expected = c + "=" + (ca.expectedValidity().get(c) ? 200 : 403);
                String actual = results.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS);
                if (!expected.equals(actual)) {
                    wrong.add(actual);
                }
            }
            assertTrue("inconsistent verdicts: " + wrong, wrong.isEmpty());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void noCertificateIsForbidden() throws Exception {
        assertEquals(403, status(null));
    }

    @Test
    public void userWithoutTheRequiredRoleIsForbidden() throws Exception {
        assertEquals(403, status(TLS.ca().issue("no role", CertTlsServer.NO_ROLE_DN)));
    }

    @Test
    public void validButUnlistedCertificateIsForbidden() throws Exception {
        assertEquals(403, status(TLS.ca().issue("stranger", "CN=Unlisted Person, OU=LAL, O=CNRS, C=FR")));
    }

    private static int status(Credential c) throws Exception {
        return TLS.server().get(c, "TLSv1.3").statusCode();
    }

    private static String[] echo(Credential c) throws Exception {
        HttpResponse<String> r = TLS.server().get(c, "TLSv1.3");
        assertEquals(c + ": " + r.body(), 200, r.statusCode());
        String[] lines = r.body().split("\n", -1);
        assertEquals(r.body(), 3, lines.length);
        return lines;
    }
}
