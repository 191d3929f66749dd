package eu.stratuslab.hooks.transfer;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.infra.exec.ProcessCommandRunner;
import eu.stratuslab.infra.exec.Programs;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Volatile and swap disks of hooks.md §3.5, checked on the bytes: a swap signature, an ext3 file
 * system (journal, no extents), nothing on a raw disk, {@code ug+rw,o-rwx}; a FORMAT the node cannot
 * make fails before any file exists.
 */
public class LocalDisksTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final LocalDisks disks = new LocalDisks(new ProcessCommandRunner(), Duration.ofMinutes(1));
    private final List<String> log = new ArrayList<>();

    private static DiskPlan.Disk disk(DiskPlan.Kind kind, long mb, String format) {
        return new DiskPlan.Disk(3, kind, "vdc", null, mb, format, false, false, null);
    }

    private static byte[] read(Path file, long offset, int length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            byte[] b = new byte[length];
            f.seek(offset);
            f.readFully(b);
            return b;
        }
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    /** {@code LocalDisks::swap} or {@code LocalDisks::volatileDisk}. */
    @FunctionalInterface
    private interface Maker {
        void make(LocalDisks disks, DiskPlan.Disk d, Path file, Consumer<String> log) throws IOException;
    }

    /** Makes {@code d} at images/disk.3 and checks what every made disk has: its size, and ug+rw,o-rwx. */
    private Path made(Maker maker, DiskPlan.Disk d) throws IOException {
        Path file = tmp.getRoot().toPath().resolve("images/disk.3");
        maker.make(disks, d, file, log::add);
        assertEquals(d.sizeMb() * 1024 * 1024, Files.size(file));
        assertEquals("rw-rw----", mode(file));
        return file;
    }

    @Test
    public void aSwapDiskIsASparseFileWithASwapSignatureAndNoAccessForOthers() throws Exception {
        Assume.assumeTrue("mkswap is not installed", Programs.available("mkswap"));
        Path file = made(LocalDisks::swap, disk(DiskPlan.Kind.SWAP, 16, "swap"));
        // mkswap writes "SWAPSPACE2" in the last 10 bytes of the first page
        int page = 4096;
        assertEquals("SWAPSPACE2", new String(read(file, page - 10, 10), StandardCharsets.US_ASCII));
    }

    @Test
    public void anExt3VolatileDiskHasAJournalAndNoExtents() throws Exception {
        Assume.assumeTrue("mkfs.ext3 is not installed", Programs.available("mkfs.ext3"));
        Path file = made(LocalDisks::volatileDisk, disk(DiskPlan.Kind.VOLATILE, 8, "ext3"));
        ByteBuffer sb = ByteBuffer.wrap(read(file, 1024, 1024)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("ext2/3/4 magic", 0xEF53, sb.getShort(0x38) & 0xffff);
        assertTrue("ext3 has a journal", (sb.getInt(0x5C) & 0x4) != 0);
        assertEquals("ext3 has no extents (that would be ext4)", 0, sb.getInt(0x60) & 0x40);
    }

    @Test
    public void aRawVolatileDiskIsEmpty() throws Exception {
        Path file = made(LocalDisks::volatileDisk, disk(DiskPlan.Kind.VOLATILE, 2, "raw"));
        assertArrayEquals(new byte[4096], read(file, 0, 4096));
    }

    @Test
    public void aFormatTheNodeCannotMakeFailsBeforeAnyFileExists() {
        Path file = tmp.getRoot().toPath().resolve("images/disk.3");
        IOException missing = assertThrows(IOException.class,
                () -> disks.volatileDisk(disk(DiskPlan.Kind.VOLATILE, 2, "nosuchfs"), file, log::add));
        assertEquals("cannot make a nosuchfs file system on DISK 3: mkfs.nosuchfs is not installed", missing.getMessage());
        IOException invalid = assertThrows(IOException.class,
                () -> disks.volatileDisk(disk(DiskPlan.Kind.VOLATILE, 2, "../../bin/sh"), file, log::add));
        assertEquals("DISK 3 has an invalid FORMAT '../../bin/sh'", invalid.getMessage());
        assertFalse(Files.exists(file));
    }
}
