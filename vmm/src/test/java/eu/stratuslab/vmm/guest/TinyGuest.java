package eu.stratuslab.vmm.guest;

import eu.stratuslab.vmm.domain.DomainSpec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * A guest that boots in seconds under TCG: Debian's cloud kernel plus a busybox initramfs whose
 * /init prints {@code STRATUSLAB-GUEST-UP <marker>} on the serial console (the marker comes from
 * the kernel command line) and then idles, or powers off when asked to.
 *
 * <p>The kernel comes from the Debian archive with {@code apt-get download} (package lists must be
 * present; run {@code apt-get update} first on a fresh machine) and is cached in {@link #cacheDir}.
 */
public final class TinyGuest {
    public static final String READY_LINE = "STRATUSLAB-GUEST-UP";
    private static final String KERNEL_META_PACKAGE = "linux-image-cloud-amd64";
    private static final Path BUSYBOX = Path.of("/bin/busybox");

    private final Path cacheDir;

    private TinyGuest(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /** Default cache: {@code $STRATUSLAB_GUEST_CACHE} or {@code <tmp>/stratuslab-vmm-tiny-guest}. */
    public static Path defaultCacheDir() {
        String env = System.getenv("STRATUSLAB_GUEST_CACHE");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("java.io.tmpdir"), "stratuslab-vmm-tiny-guest");
    }

    /** Downloads and builds what is missing from the cache. */
    public static TinyGuest prepare(Path cacheDir) throws IOException, InterruptedException {
        Files.createDirectories(cacheDir);
        // qemu may run as an unprivileged user: everything it reads must be world-readable.
        Files.setPosixFilePermissions(cacheDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        TinyGuest g = new TinyGuest(cacheDir);
        if (!Files.isRegularFile(g.kernel())) {
            g.fetchKernel();
        }
        if (!Files.isRegularFile(g.initramfs())) {
            g.buildInitramfs();
        }
        return g;
    }

    public Path kernel() {
        return cacheDir.resolve("vmlinuz");
    }

    public Path initramfs() {
        return cacheDir.resolve("initramfs.cpio.gz");
    }

    /** A qemu (TCG) domain booting this guest with its serial console written to {@code serialLog}. */
    public DomainSpec domain(String name, String marker, boolean powerOffWhenUp, Path serialLog) {
        String cmd = "console=ttyS0 panic=0 stratuslab.marker=" + marker
                + (powerOffWhenUp ? " stratuslab.poweroff=1" : "");
        return new DomainSpec(name, null, 1, 256 * 1024, "qemu",
                new DomainSpec.Os("x86_64", kernel().toString(), initramfs().toString(), null, cmd, null, null),
                List.of(), List.of(), null, null, false, serialLog.toString());
    }

    /** The line /init prints once it runs. */
    public static String readyLine(String marker) {
        return READY_LINE + " " + marker;
    }

    private void fetchKernel() throws IOException, InterruptedException {
        Path work = Files.createTempDirectory(cacheDir, "download");
        try {
            run(work, "apt-get", "download", KERNEL_META_PACKAGE);
            Path meta = single(work, KERNEL_META_PACKAGE + "_*.deb");
            String depends = run(work, "dpkg-deb", "-f", meta.toString(), "Depends").strip();
            String versioned = versionedImagePackage(depends);
            run(work, "apt-get", "download", versioned);
            Path deb = single(work, versioned + "_*.deb");
            Path root = work.resolve("root");
            Files.createDirectories(root);
            run(work, "dpkg", "-x", deb.toString(), root.toString());
            Path vmlinuz = single(root.resolve("boot"), "vmlinuz-*");
            Path partial = Files.createTempFile(cacheDir, "vmlinuz", ".partial"); // concurrent builders do not collide
            Files.copy(vmlinuz, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(partial, kernel(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            deleteTree(work);
        }
    }

    /** "linux-image-6.1.0-56-cloud-amd64 (= 6.1.192-2)" → "linux-image-6.1.0-56-cloud-amd64". */
    static String versionedImagePackage(String depends) throws IOException {
        for (String alt : depends.split("[,|]")) {
            String pkg = alt.strip().split("\\s+")[0];
            if (pkg.startsWith("linux-image-") && !pkg.equals(KERNEL_META_PACKAGE)) {
                return pkg;
            }
        }
        throw new IOException(KERNEL_META_PACKAGE + " depends on no kernel image: " + depends);
    }

    private void buildInitramfs() throws IOException {
        if (!Files.isRegularFile(BUSYBOX)) {
            throw new IOException(BUSYBOX + " is missing (install busybox-static)");
        }
        String init = """
                #!/bin/busybox sh
                /bin/busybox mount -t proc proc /proc
                /bin/busybox mount -t devtmpfs dev /dev 2>/dev/null
                M=none
                P=0
                for w in $(/bin/busybox cat /proc/cmdline); do
                  case "$w" in
                    stratuslab.marker=*) M="${w#stratuslab.marker=}" ;;
                    stratuslab.poweroff=1) P=1 ;;
                  esac
                done
                echo "%s $M" > /dev/console
                if [ "$P" = 1 ]; then /bin/busybox poweroff -f; fi
                while true; do /bin/busybox sleep 3600; done
                """.formatted(READY_LINE);
        Path partial = Files.createTempFile(cacheDir, "initramfs", ".partial");
        try (OutputStream file = Files.newOutputStream(partial);
             GZIPOutputStream gz = new GZIPOutputStream(file);
             CpioNewcWriter cpio = new CpioNewcWriter(gz)) {
            for (String dir : new String[] {"bin", "dev", "proc", "sys"}) {
                cpio.directory(dir);
            }
            cpio.charDevice("dev/console", 0600, 5, 1);
            cpio.file("bin/busybox", 0755, Files.readAllBytes(BUSYBOX));
            cpio.symlink("bin/sh", "busybox");
            cpio.file("init", 0755, init.getBytes(StandardCharsets.UTF_8));
        }
        Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(partial, initramfs(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static Path single(Path dir, String glob) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob)) {
            s.forEach(found::add);
        }
        if (found.size() != 1) {
            throw new IOException("expected one " + glob + " in " + dir + ", found " + found);
        }
        return found.get(0);
    }

    static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: "
                    + new String(out, StandardCharsets.UTF_8).strip());
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
