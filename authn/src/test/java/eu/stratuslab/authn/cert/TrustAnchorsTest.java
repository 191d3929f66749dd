package eu.stratuslab.authn.cert;

import eu.stratuslab.authn.testca.SharedTrust;
import eu.stratuslab.authn.testca.TestCa.Credential;
import org.junit.ClassRule;
import org.junit.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

public class TrustAnchorsTest {

    @ClassRule
    public static final SharedTrust PKI = SharedTrust.anchors();

    @Test
    public void everyCredentialGetsTheExpectedVerdict() {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<Credential, Boolean> e : PKI.ca().expectedValidity().entrySet()) {
            CertificateVerdict v = PKI.trustAnchors().verify(e.getKey().chain());
            if (v.valid() != e.getValue()) {
                wrong.add(e.getKey() + " valid=" + v.valid() + " reason=" + v.reason());
            }
            if (!v.valid()) {
                assertNotNull("a rejection explains itself: " + e.getKey(), v.reason());
                assertNull(v.eecDn());
            }
        }
        assertTrue("wrong verdicts: " + wrong, wrong.isEmpty());
    }

    @Test
    public void identityIsTheEecDnForProxiesOfAnyDepth() {
        String expected = "CN=Jane Tester,OU=LAL,O=CNRS,C=FR";
        for (Credential c : List.of(PKI.ca().user, PKI.ca().rfcProxy, PKI.ca().legacyProxy, PKI.ca().draftProxy, PKI.ca().limitedProxy,
                PKI.ca().proxyOfProxy, PKI.ca().vomsProxy)) {
            CertificateVerdict v = PKI.trustAnchors().verify(c.chain());
            assertTrue(c + ": " + v.reason(), v.valid());
            assertEquals(c.toString(), expected, v.eecDn());
        }
        assertEquals(4, PKI.ca().proxyOfProxy.chain().length);
        assertTrue(PKI.ca().legacyProxy.leaf().getSubjectX500Principal().getName().startsWith("CN=proxy,"));
        assertTrue(PKI.ca().limitedProxy.leaf().getSubjectX500Principal().getName().startsWith("CN=limited proxy,"));
    }

    @Test
    public void identityUsesRfc2253FormWithOidForEmail() {
        assertEquals("1.2.840.113549.1.9.1=#16106a616e65406578616d706c652e6f7267,CN=Jane Tester,OU=LAL,O=CNRS,C=FR",
                PKI.trustAnchors().verify(PKI.ca().emailUser.chain()).eecDn());
        assertEquals("CN=Jean+UID=jd,OU=Ops\\, Inc,DC=example,DC=org", PKI.trustAnchors().verify(PKI.ca().multiRdnUser.chain()).eecDn());
    }

    @Test
    public void namespaceChecksCanBeSwitchedOff() {
        assertFalse(PKI.trustAnchors().verify(PKI.ca().outsideNamespace.chain()).valid());
        try (TrustAnchors lax = TrustAnchors.open(PKI.ca().caDir(), Duration.ofMinutes(10), false)) {
            CertificateVerdict v = lax.verify(PKI.ca().outsideNamespace.chain());
            assertTrue(v.reason(), v.valid());
            assertEquals("CN=Eve Outsider,O=Other,C=US", v.eecDn());
            assertFalse("CRLs still apply", lax.verify(PKI.ca().revokedUser.chain()).valid());
        }
    }

    @Test
    public void brokenChainsAreRejected() {
        assertFalse(PKI.trustAnchors().verify(null).valid());
        assertFalse(PKI.trustAnchors().verify(new X509Certificate[0]).valid());
        // proxy without the EEC that signed it
        X509Certificate[] p = PKI.ca().rfcProxy.chain();
        assertFalse(PKI.trustAnchors().verify(new X509Certificate[] {p[0], p[2]}).valid());
        // proxy of a proxy with the middle proxy missing
        X509Certificate[] pp = PKI.ca().proxyOfProxy.chain();
        assertFalse(PKI.trustAnchors().verify(new X509Certificate[] {pp[0], pp[2], pp[3]}).valid());
        // a proxy grafted onto a different user's EEC
        X509Certificate[] other = PKI.ca().emailUser.chain();
        assertFalse(PKI.trustAnchors().verify(new X509Certificate[] {p[0], other[0], other[1]}).valid());
    }

    @Test
    public void trustedIssuersListTheTestCa() {
        X509Certificate[] issuers = PKI.trustAnchors().trustedIssuers();
        assertEquals(1, issuers.length);
        assertEquals(PKI.ca().caCertificate(), issuers[0]);
    }

    @Test
    public void crlUpdatesAreReloadedAtTheRefreshInterval() throws Exception {
        Credential fresh = PKI.ca().issue("soon revoked", "CN=Soon Revoked, OU=LAL, O=CNRS, C=FR");
        try (TrustAnchors quick = TrustAnchors.open(PKI.ca().caDir(), Duration.ofMillis(200), true)) {
            assertTrue(quick.verify(fresh.chain()).valid());
            PKI.ca().revoke(fresh.leaf());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            CertificateVerdict v = quick.verify(fresh.chain());
            while (v.valid() && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // poll interval, not a synchronisation
                v = quick.verify(fresh.chain());
            }
            assertFalse("revocation picked up by the periodic reload", v.valid());
        }
    }

    @Test
    public void missingDirectoryTrustsNothingUntilItAppears() throws Exception {
        Path missing = PKI.scratch().resolve("late-dir");
        assertFalse(Files.exists(missing));
        try (TrustAnchors late = TrustAnchors.open(missing, Duration.ofMinutes(10), true)) {
            CertificateVerdict v = late.verify(PKI.ca().user.chain());
            assertFalse(v.valid());
            assertTrue(v.reason(), v.reason().contains("not available"));
            assertTrue(late.validator().isEmpty());
            PKI.ca().installCaFiles(missing);
            assertTrue(late.verify(PKI.ca().user.chain()).valid());
        }
    }
}
