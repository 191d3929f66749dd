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
import java.util.List;
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
        // directories carry the time of their quarantine (DirectoryQuarantine resets it)
        for (Path d : List.of(oldVm, oldVm.getParent())) {
            Files.setLastModifiedTime(d, FileTime.from(now.minus(Duration.ofHours(49))));
        }
        for (Path d : List.of(youngVm, youngVm.getParent())) {
            Files.setLastModifiedTime(d, FileTime.from(now.minus(Duration.ofHours(47))));
        }
        Path youngEmpty = Files.createDirectories(location.resolve("7"));
        Files.setLastModifiedTime(youngEmpty, FileTime.from(now.minus(Duration.ofHours(1))));
        Path oldEmpty = Files.createDirectories(location.resolve("8"));
        Files.setLastModifiedTime(oldEmpty, FileTime.from(now.minus(Duration.ofHours(50))));
        Path record = Files.createDirectories(location.resolve(".volumes")).resolve("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
        Files.writeString(record, "owner=alice\n");
        Files.setLastModifiedTime(record, FileTime.from(now.minus(Duration.ofDays(30))));
        QuarantineCleaner.Report report = new QuarantineCleaner(settings, log, Clock.fixed(now, ZoneOffset.UTC)).cleanOnce();

        assertEquals(1, report.filesDeleted());
        assertEquals(List.of(), report.errors());
        assertTrue("owner records go with their volumes, not with their age", Files.exists(record));
        assertFalse(Files.exists(location.resolve("5")));
        assertTrue(Files.exists(youngDisk));
        assertTrue("a young empty directory (a VM that had no files) stays", Files.isDirectory(youngEmpty));
        assertFalse("an old empty directory goes", Files.exists(oldEmpty));
        assertTrue(Files.isDirectory(location));
        String line = Files.readString(log);
        assertEquals("2026-11-23T12:00:00Z cleanup: 0 volume(s) and 1 file(s) older than PT48H deleted under "
                + location + "\n", line);
        new QuarantineCleaner(settings, log, Clock.fixed(now.plusSeconds(60), ZoneOffset.UTC)).cleanOnce();
        assertEquals("one run line per cleanup", 2, Files.readAllLines(log).size());
    }
}
