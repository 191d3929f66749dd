package eu.stratuslab.quarantine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class QuarantineCleanerTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void deletesOnlyExpiredFilesThenEmptyDirectoriesAndLogsTheRun() throws Exception {
        Instant now = Instant.parse("2026-11-23T12:00:00Z");
        Path location = tmp.newFolder("quarantine").toPath();
        Path oldVm = Files.createDirectories(location.resolve("5/images"));
        Path oldDisk = Files.writeString(oldVm.resolve("disk.0"), "x");
        Files.setLastModifiedTime(oldDisk, FileTime.from(now.minus(Duration.ofHours(49))));
        Path youngVm = Files.createDirectories(location.resolve("6/images"));
        Path youngDisk = Files.writeString(youngVm.resolve("disk.0"), "y");
        Files.setLastModifiedTime(youngDisk, FileTime.from(now.minus(Duration.ofHours(47))));

        Path log = tmp.getRoot().toPath().resolve("log/one-quarantine-cleanup.log");
        QuarantineSettings settings = new QuarantineSettings(Duration.ofHours(48), location, Duration.ofMinutes(15));
        int deleted = new QuarantineCleaner(settings, log, Clock.fixed(now, ZoneOffset.UTC)).cleanOnce();

        assertEquals(1, deleted);
        assertFalse(Files.exists(location.resolve("5")));
        assertTrue(Files.exists(youngDisk));
        assertTrue(Files.isDirectory(location));
        String line = Files.readString(log);
        assertTrue(line, line.startsWith("2026-11-23T12:00:00Z cleanup: 1 file(s)"));
    }
}
