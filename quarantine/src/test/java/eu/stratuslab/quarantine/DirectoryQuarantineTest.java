package eu.stratuslab.quarantine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DirectoryQuarantineTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final Instant now = Instant.parse("2026-11-23T12:00:00Z");
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);

    private Path vmDir(int id) throws Exception {
        Path dir = tmp.getRoot().toPath().resolve("one").resolve(Integer.toString(id));
        Files.createDirectories(dir.resolve("images"));
        Path disk = dir.resolve("images/disk.0");
        Files.writeString(disk, "data");
        Files.setPosixFilePermissions(disk, PosixFilePermissions.fromString("rw-rw-r--"));
        Files.setLastModifiedTime(disk, FileTime.from(now.minus(Duration.ofDays(10))));
        return dir;
    }

    @Test
    public void movesDirectoryResetsAgeAndRemovesGroupAndOtherAccess() throws Exception {
        Path location = tmp.getRoot().toPath().resolve("quarantine");
        Path moved = new DirectoryQuarantine(location, clock).quarantine(vmDir(7), 7);
        assertEquals(location.resolve("7"), moved);
        Path disk = moved.resolve("images/disk.0");
        assertEquals("data", Files.readString(disk));
        assertEquals(now, Files.getLastModifiedTime(disk).toInstant());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(disk)));
        assertFalse(Files.exists(tmp.getRoot().toPath().resolve("one/7")));
    }

    @Test
    public void secondQuarantineOfTheSameIdGetsAnEpochSuffix() throws Exception {
        Path location = tmp.getRoot().toPath().resolve("quarantine");
        DirectoryQuarantine q = new DirectoryQuarantine(location, clock);
        q.quarantine(vmDir(3), 3);
        Path second = q.quarantine(vmDir(3), 3);
        assertEquals(location.resolve("3." + now.getEpochSecond()), second);
        assertTrue(Files.isDirectory(location.resolve("3")));
    }

    @Test
    public void missingDirectoryIsNotAnError() throws Exception {
        assertNull(new DirectoryQuarantine(tmp.getRoot().toPath(), clock).quarantine(tmp.getRoot().toPath().resolve("nope"), 1));
    }
}
