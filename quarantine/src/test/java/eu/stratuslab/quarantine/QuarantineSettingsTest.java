package eu.stratuslab.quarantine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

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
        for (String bad : new String[] {"15x", "xym", "", "  ", "-3h"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> QuarantineSettings.parseDuration("PERIOD", bad, 'h'));
            assertEquals(true, e.getMessage().contains("PERIOD"));
        }
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
        assertEquals(true, e.getMessage().contains(":2:"));
    }
}
