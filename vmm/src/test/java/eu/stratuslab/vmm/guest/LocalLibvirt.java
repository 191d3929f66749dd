package eu.stratuslab.vmm.guest;

import eu.stratuslab.vmm.DriverException;
import eu.stratuslab.vmm.libvirt.DriverTimeouts;
import eu.stratuslab.vmm.libvirt.LibvirtDriver;
import org.junit.Assume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collection;

import static org.junit.Assert.fail;

/**
 * The local libvirtd with its qemu driver, for tests with real guests. Missing pieces skip the test,
 * unless STRATUSLAB_FULL_TESTS=1 (CI, after starting the daemons), where they fail it.
 */
final class LocalLibvirt {
    static final String URI = "qemu:///system";
    static final DriverTimeouts TIMEOUTS = new DriverTimeouts(Duration.ofSeconds(60), Duration.ofMinutes(3));

    private LocalLibvirt() {}

    static boolean fullTests() {
        return "1".equals(System.getenv("STRATUSLAB_FULL_TESTS"));
    }

    /** Skips (or, in full mode, fails) with {@code reason} unless {@code ok}. */
    static void require(boolean ok, String reason) {
        if (ok) {
            return;
        }
        if (fullTests()) {
            fail(reason + " (STRATUSLAB_FULL_TESTS=1)");
        }
        Assume.assumeTrue(reason, false);
    }

    /** Opens the local libvirtd, or skips/fails when it or qemu is not there. */
    static LibvirtDriver open(Path migrationDir) {
        require(Files.exists(Path.of("/var/run/libvirt/libvirt-sock")),
                "libvirtd is not running (no /var/run/libvirt/libvirt-sock); see vmm/src/test/scripts/start-libvirtd.sh");
        require(Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64")), "qemu-system-x86 is not installed");
        try {
            LibvirtDriver d = new LibvirtDriver("localhost", URI, TIMEOUTS, migrationDir);
            try {
                d.listDomains();
            } catch (DriverException e) {
                d.close();
                throw e;
            }
            return d;
        } catch (DriverException e) {
            require(false, "cannot use " + URI + ": " + e.getMessage());
            throw new AssertionError("unreachable");
        }
    }

    /** Skips (or, in full mode, fails) unless busybox-static, which the test guests are made of, is installed. */
    static void requireBusybox() {
        require(Files.isRegularFile(Path.of("/bin/busybox")), "busybox-static is not installed");
    }

    private static TinyGuest tinyGuest;

    /** The tiny guest (kernel + busybox initramfs), built once into the cache; skips or fails without it. */
    static synchronized TinyGuest tinyGuest() {
        requireBusybox();
        if (tinyGuest == null) {
            try {
                tinyGuest = TinyGuest.prepare(TinyGuest.defaultCacheDir());
            } catch (IOException | InterruptedException e) {
                require(false, "cannot build the tiny guest: " + e.getMessage());
                throw new AssertionError("unreachable");
            }
        }
        return tinyGuest;
    }

    /** A new directory for a test's domain files, which qemu (another user under libvirtd) can read. */
    static Path runDir(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    /** Destroys the domains a test deployed, closes its driver (either may be absent) and deletes its run directory. */
    static void cleanUp(LibvirtDriver driver, Collection<String> deployed, Path runDir) throws Exception {
        if (driver != null) {
            for (String id : deployed) {
                driver.destroy(id);
            }
            driver.close();
        }
        TinyGuest.deleteTree(runDir);
    }
}
