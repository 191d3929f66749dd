package eu.stratuslab.authn.cert;

import eu.emi.security.authn.x509.CrlCheckingMode;
import eu.emi.security.authn.x509.NamespaceCheckingMode;
import org.junit.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.Assert.assertEquals;

/** The reference vectors of authn.md §8.1. */
public class TrustSettingsTest {

    @Test
    public void reloadIntervalVectors() {
        for (String bad : new String[] {null, "1", "-1", "59999", "099", "0xGG"}) {
            assertEquals("value " + bad, Duration.ofMillis(600000), TrustSettings.parseReloadInterval(bad));
        }
        assertEquals(Duration.ofMillis(60000), TrustSettings.parseReloadInterval("60000"));
        assertEquals(Duration.ofMillis(120000), TrustSettings.parseReloadInterval("120000"));
    }

    @Test
    public void caDirectoryVectors() {
        for (String blank : new String[] {null, "", "   "}) {
            assertEquals(Path.of("/etc/grid-security/certificates"), TrustSettings.parseCaDir(blank));
        }
        assertEquals(Path.of("/alpha/beta"), TrustSettings.parseCaDir("/alpha/beta"));
    }

    @Test
    public void unknownModesFallBackToDefaults() {
        assertEquals(NamespaceCheckingMode.EUGRIDPMA_AND_GLOBUS, TrustSettings.parseNamespaceMode("sometimes"));
        assertEquals(NamespaceCheckingMode.EUGRIDPMA_AND_GLOBUS, TrustSettings.parseNamespaceMode(null));
        assertEquals(NamespaceCheckingMode.IGNORE, TrustSettings.parseNamespaceMode("ignore"));
        assertEquals(CrlCheckingMode.REQUIRE, TrustSettings.parseCrlMode("maybe"));
        assertEquals(CrlCheckingMode.IF_VALID, TrustSettings.parseCrlMode("IF_VALID"));
    }

    @Test
    public void fromStringsCombinesTheRules() {
        TrustSettings s = TrustSettings.fromStrings("  ", "bogus", "", "0xGG");
        assertEquals(TrustSettings.defaults(), s);
    }
}
