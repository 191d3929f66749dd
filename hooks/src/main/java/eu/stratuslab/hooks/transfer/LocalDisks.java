package eu.stratuslab.hooks.transfer;

import eu.stratuslab.infra.exec.CommandResult;
import eu.stratuslab.infra.exec.CommandRunner;
import eu.stratuslab.infra.exec.OneErrorMessage;
import eu.stratuslab.infra.exec.Programs;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Disks made on the node from nothing or from a front-end file (hooks.md §3.1, §3.5): swap files,
 * volatile file systems and the copy-on-write overlay of a local image. Files get {@code ug+rw,o-rwx}.
 */
final class LocalDisks {
    private static final byte[] QCOW_MAGIC = {'Q', 'F', 'I', (byte) 0xfb};

    private final CommandRunner runner;
    private final Duration timeout;

    LocalDisks(CommandRunner runner, Duration timeout) {
        this.runner = runner;
        this.timeout = timeout;
    }

    /** §3.5: a sparse file of SIZE MB with a swap signature; mkswap is required (util-linux). */
    void swap(DiskPlan.Disk d, Path file, Consumer<String> log) throws IOException {
        if (!Programs.available("mkswap")) {
            throw new IOException("cannot make DISK " + d.diskId() + " a swap: mkswap is not installed");
        }
        sparse(file, d.sizeMb());
        run(List.of(Programs.find("mkswap").toString(), file.toString()), "cannot make DISK " + d.diskId() + " a swap");
        restrict(file);
        log.accept("swap of " + d.sizeMb() + " MB");
    }

    /**
     * §3.5: a sparse file of SIZE MB with a file system of type FORMAT ({@code raw}: none). A FORMAT
     * without its {@code mkfs.<FORMAT>} on the node is a failure, not a silently empty disk.
     */
    void volatileDisk(DiskPlan.Disk d, Path file, Consumer<String> log) throws IOException {
        String fs = d.format().toLowerCase(Locale.ROOT);
        String exe = null;
        if (!fs.equals("raw")) {
            String mkfs = "mkfs." + fs;
            if (!fs.matches("[a-z0-9]{1,16}")) {
                throw new IOException("DISK " + d.diskId() + " has an invalid FORMAT '" + d.format() + "'");
            }
            if (!Programs.available(mkfs)) {
                throw new IOException("cannot make a " + fs + " file system on DISK " + d.diskId() + ": " + mkfs
                        + " is not installed");
            }
            exe = Programs.find(mkfs).toString();
        }
        sparse(file, d.sizeMb());
        if (exe != null) {
            run(fs.startsWith("ext") ? List.of(exe, "-F", "-q", file.toString()) : List.of(exe, file.toString()),
                    "cannot format DISK " + d.diskId() + " as " + fs);
        }
        restrict(file);
        log.accept("volatile disk of " + d.sizeMb() + " MB (" + fs + ")");
    }

    void overlay(DiskPlan.Disk d, Path file) throws IOException {
        Path source = Path.of(d.source());
        if (!Files.isRegularFile(source) || !Files.isReadable(source)) {
            throw new IOException("disk image not found or not readable: " + d.source());
        }
        String format = "raw".equals(d.format()) || "qcow2".equals(d.format()) ? d.format() : detectFormat(source);
        Files.deleteIfExists(file);
        run(List.of("qemu-img", "create", "-q", "-f", "qcow2", "-F", format, "-b", source.toAbsolutePath().toString(),
                file.toString()), "cannot create the overlay of DISK " + d.diskId());
        restrict(file);
    }

    /** qcow2 files start with "QFI\xfb"; everything else is used as raw. */
    static String detectFormat(Path file) throws IOException {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, 4);
            return n == 4 && Arrays.equals(head, QCOW_MAGIC) ? "qcow2" : "raw";
        }
    }

    private void run(List<String> argv, String what) throws IOException {
        CommandResult r;
        try {
            r = runner.run(argv, timeout);
        } catch (RuntimeException e) { // the deadline
            throw new IOException(what + ": " + e.getMessage(), e);
        }
        if (!r.succeeded()) {
            throw new IOException(what + ": " + OneErrorMessage.extract(r.output()));
        }
    }

    private static void sparse(Path file, long sizeMb) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(sizeMb * 1024 * 1024);
        }
    }

    /** ug+rw, o-rwx (hooks.md §3.5). */
    static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
        } catch (IOException | UnsupportedOperationException e) {
            // not fatal: the VM directory is private to the service account anyway
        }
    }
}
