package eu.stratuslab.quarantine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class QuarantineSettingsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void referenceDurationsParse() {
        assertEquals(Duration.ofHours(15), QuarantineSettings.parseDuration("PERIOD", "15", 'h'));
        assertEquals(Duration.ofMinutes(15), QuarantineSettings.parseDuration("PERIOD", "15m", 'h'));
        assertEquals(Duration.ofHours(2), QuarantineSettings.parseDuration("PERIOD", "2h", 'h'));
        assertEquals(Duration.ofDays(1), QuarantineSettings.parseDuration("PERIOD", "1d", 'h'));
        assertEquals(Duration.ofMinutes(15), QuarantineSettings.parseDuration("quarantine_period", "15", 'm'));
    }

    @Test
    public void invalidDurationsAreConfigurationErrors() {
        for (String bad : new String[] {"15x", "xym", "", "  ", "-3h", "0", "0m", "1.5h", "h", "12345678901d"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> QuarantineSettings.parseDuration("PERIOD", bad, 'h'));
            assertTrue(e.getMessage(), e.getMessage().startsWith("quarantine setting PERIOD"));
        }
    }

    @Test
    public void secondsAreAProjectExtensionForTests() {
        assertEquals(Duration.ofSeconds(30), QuarantineSettings.parseDuration("CLEANUP_INTERVAL", "30s", 'm'));
    }

    @Test
    public void badValuesInTheFileNameTheFileTheKeyAndTheValue() throws Exception {
        Path cfg = tmp.newFile("quarantine.cfg").toPath();
        for (String[] c : new String[][] {{"PERIOD=15x", "PERIOD: invalid duration '15x'"},
                {"CLEANUP_INTERVAL=", "CLEANUP_INTERVAL is empty"}, {"PERIOD=", "PERIOD is empty"},
                {"LOCATION=relative/dir", "LOCATION must be an absolute path: 'relative/dir'"},
                {"LOCATION=\"\"", "LOCATION is empty"}, {"CLEANUP_INTERVAL=0", "must be positive"}}) {
            Files.writeString(cfg, c[0] + "\n");
            IllegalArgumentException e = assertThrows(c[0], IllegalArgumentException.class,
                    () -> QuarantineSettings.load(cfg, null));
            assertTrue(e.getMessage(), e.getMessage().startsWith(cfg + ": "));
            assertTrue(e.getMessage(), e.getMessage().contains(c[1]));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuarantineSettings.load(tmp.getRoot().toPath().resolve("absent.cfg"), "xym"));
        assertTrue(e.getMessage(), e.getMessage().contains("quarantine_period: invalid duration 'xym'"));
    }

    @Test
    public void theReferenceFileOfConfParses() throws Exception {
        Path reference = Paths.get("..", "conf", "quarantine.cfg");
        QuarantineSettings s = QuarantineSettings.load(reference, "15");
        assertEquals(Duration.ofHours(48), s.period());
        assertEquals(QuarantineSettings.DEFAULT_LOCATION, s.location());
        assertEquals(Duration.ofMinutes(15), s.cleanupInterval());
    }

    @Test
    public void fileOverridesDefaultsAndBareNumbersFollowTheirKey() throws Exception {
        Path cfg = tmp.newFile("quarantine.cfg").toPath();
        Files.writeString(cfg, "# site\nPERIOD=12\nLOCATION=\"/srv/q\"\nCLEANUP_INTERVAL=5\nCOMMAND=/usr/sbin/tmpwatch\n");
        QuarantineSettings s = QuarantineSettings.load(cfg, null);
        assertEquals(Duration.ofHours(12), s.period());
        assertEquals(Paths.get("/srv/q"), s.location());
        assertEquals(Duration.ofMinutes(5), s.cleanupInterval());
    }

    @Test
    public void missingPeriodFallsBackToStratuslabCfgInMinutes() throws Exception {
        Path cfg = tmp.newFile("quarantine.cfg").toPath();
        Files.writeString(cfg, "LOCATION=/srv/q\n");
        assertEquals(Duration.ofMinutes(15), QuarantineSettings.load(cfg, "15").period());
        assertEquals(Duration.ofHours(48), QuarantineSettings.load(cfg, null).period());
    }

    @Test
    public void missingFileGivesDefaults() throws Exception {
        QuarantineSettings s = QuarantineSettings.load(tmp.getRoot().toPath().resolve("absent.cfg"), null);
        assertEquals(QuarantineSettings.defaults(), s);
    }

    @Test
    public void lineWithoutEqualsIsRefusedWithItsLineNumber() throws Exception {
        Path cfg = tmp.newFile("quarantine.cfg").toPath();
        Files.writeString(cfg, "PERIOD=2h\nnonsense\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QuarantineSettings.load(cfg, null));
        assertTrue(e.getMessage(), e.getMessage().contains("quarantine.cfg:2: expected KEY=value, found 'nonsense'"));
    }
}
