package eu.stratuslab.vmm.guest;

import eu.stratuslab.vmm.DeployIds;
import eu.stratuslab.vmm.libvirt.LibvirtDriver;
import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * The bootable guest image boots by itself (BIOS, grub) under qemu TCG through the local libvirtd,
 * finds its context disk and runs the shipped init.sh (hooks module) from it.
 */
public class BootableGuestImageTest {
    private static final long BOOT_DEADLINE_NS = TimeUnit.SECONDS.toNanos(240);
    /** The guest script this project ships; vmm does not depend on hooks, so it is read from the tree. */
    private static final Path SHIPPED_INIT_SH =
            Path.of("../hooks/src/main/resources/eu/stratuslab/hooks/context/init.sh").toAbsolutePath().normalize();
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBootableGuestTestKey alice@example.org";
    private static BootableGuestImage guest;

    private LibvirtDriver driver;
    private Path runDir;
    private Set<String> domainsBefore;
    private final Set<String> deployed = new HashSet<>();

    @BeforeClass
    public static void buildGuest() {
        LocalLibvirt.require(Files.isRegularFile(Path.of("/bin/busybox")), "busybox-static is not installed");
        try {
            guest = BootableGuestImage.prepare(TinyGuest.defaultCacheDir());
        } catch (IOException | InterruptedException e) {
            LocalLibvirt.require(false, "cannot build the bootable guest image: " + e.getMessage());
        }
    }

    @Before
    public void setUp() throws Exception {
        runDir = Files.createTempDirectory("vmm-bootable-guest");
        Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @After
    public void cleanUp() throws Exception {
        if (driver != null) {
            for (String id : deployed) {
                driver.destroy(id);
            }
            driver.close();
        }
        TinyGuest.deleteTree(runDir);
    }

    // ---- image handling (no hypervisor) -----------------------------------------------------------

    @Test
    public void markerIsWrittenInPlaceAndCanBeReplaced() throws Exception {
        Path copy = guest.copyTo(runDir.resolve("root.img"));
        long slot = BootableGuestImage.markerSlotOffset(copy);
        assertEquals("the slot is a whole ISO block", 0, slot % 2048);

        BootableGuestImage.writeMarker(copy, "first-marker");
        BootableGuestImage.writeMarker(copy, "second");
        assertEquals(slot, BootableGuestImage.markerSlotOffset(copy));
        byte[] bytes = Files.readAllBytes(copy);
        String head = new String(bytes, (int) slot, 32, StandardCharsets.US_ASCII);
        assertTrue(head, head.startsWith("second\n\0"));
        assertEquals("only the slot changed", Files.size(guest.image()), bytes.length);

        try {
            BootableGuestImage.writeMarker(copy, "two words");
            fail("accepted a marker with a space");
        } catch (IllegalArgumentException expected) {
            // the guest prints the marker as one word
        }
    }

    @Test
    public void gzipVariantDecompressesToTheImage() throws Exception {
        Path gz = guest.gzipTo(runDir.resolve("guest.img.gz"));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(gz)));
        assertTrue(Files.size(gz) < Files.size(guest.image()));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            assertArrayEquals(Files.readAllBytes(guest.image()), in.readAllBytes());
        }
    }

    // ---- real boots ----------------------------------------------------------------------------------

    @Test
    public void bootsFromVirtioDiskAndRunsTheShippedInitShFromTheContextIso() throws Exception {
        LocalLibvirt.require(Files.isRegularFile(SHIPPED_INIT_SH), "the shipped init.sh is not at " + SHIPPED_INIT_SH);
        LocalLibvirt.require(onPath("genisoimage"), "genisoimage is not installed");
        driver = LocalLibvirt.open(runDir);
        domainsBefore = driver.listDomains();
        String marker = UUID.randomUUID().toString();
        Path root = guest.copyTo(runDir.resolve("root.img"));
        BootableGuestImage.writeMarker(root, marker);
        String hostname = "vm-" + marker.substring(0, 8);
        Path iso = contextIso("""
                # Context variables generated by OpenNebula
                HOSTNAME="%s"
                PUBLIC_KEY="%s
                "
                TARGET="hdd"
                USER_COLOUR="blue"
                USER_GREETING="hello world"
                """.formatted(hostname, KEY));
        Path serial = runDir.resolve("serial.log");

        String id = deploy(BootableGuestImage.domain(uniqueDomainName(), root, "vda", iso, "hdd", true, serial));

        List<String> lines = awaitReport(serial);
        assertTrue(lines.toString(), lines.contains(BootableGuestImage.READY_LINE));
        assertTrue(lines.toString(), lines.contains("CONTEXT-INIT-EXIT=0"));
        assertTrue(lines.toString(), lines.contains("CONTEXT-HOSTNAME=" + hostname));
        assertTrue(lines.toString(), lines.contains("CONTEXT-KEY=" + KEY));
        assertTrue(lines.toString(), lines.contains("CONTEXT-USER_COLOUR=blue"));
        assertTrue(lines.toString(), lines.contains("CONTEXT-USER_GREETING=hello world"));
        assertTrue(lines.toString(), lines.contains("ROOTDISK-MARKER=" + marker));
        assertFalse(lines.toString(), lines.contains(BootableGuestImage.NO_CONTEXT_LINE));
        driver.destroy(id);
    }

    @Test
    public void bootsFromIdeDiskAndReportsACloudInitVfatContextDisk() throws Exception {
        LocalLibvirt.require(onPath("mformat") && onPath("mcopy") && onPath("mmd"), "mtools is not installed");
        driver = LocalLibvirt.open(runDir);
        domainsBefore = driver.listDomains();
        Path root = guest.copyTo(runDir.resolve("root.img"));
        String metaJs = "{\"user-data\":\"#cloud-config\\npackages: [htop]\\n\",\"dsmode\":\"local\"}";
        Path vfat = cloudInitDisk(metaJs, KEY + "\n");
        Path serial = runDir.resolve("serial.log");

        String id = deploy(BootableGuestImage.domain(uniqueDomainName(), root, "hda", vfat, "hdd", false, serial));

        List<String> lines = awaitReport(serial);
        assertTrue(lines.toString(), lines.contains("CLOUDINIT-META=" + metaJs));
        assertTrue(lines.toString(), lines.contains("CLOUDINIT-KEY=" + KEY));
        assertTrue("an unmarked image prints no marker: " + lines,
                lines.stream().noneMatch(l -> l.startsWith(BootableGuestImage.ROOT_MARKER_PREFIX)));
        assertTrue(lines.toString(), lines.stream().noneMatch(l -> l.startsWith("CONTEXT-")));
        driver.destroy(id);
    }

    private Path contextIso(String contextSh) throws Exception {
        Path staging = runDir.resolve("context");
        Files.createDirectories(staging);
        Files.writeString(staging.resolve("context.sh"), contextSh);
        Files.copy(SHIPPED_INIT_SH, staging.resolve("init.sh"));
        Path iso = runDir.resolve("context.iso");
        exec("genisoimage", "-quiet", "-o", iso.toString(), "-V", "_STRATUSLAB", "-J", "-r", staging.toString());
        Files.setPosixFilePermissions(iso, PosixFilePermissions.fromString("rw-r--r--"));
        return iso;
    }

    private Path cloudInitDisk(String metaJs, String authorizedKeys) throws Exception {
        Path img = runDir.resolve("context.vfat");
        Path meta = Files.writeString(runDir.resolve("meta.js"), metaJs);
        Path keys = Files.writeString(runDir.resolve("authorized_keys"), authorizedKeys);
        exec("mformat", "-C", "-f", "1440", "-i", img.toString(), "::");
        exec("mcopy", "-i", img.toString(), meta.toString(), "::meta.js");
        exec("mmd", "-i", img.toString(), "::root", "::root/.ssh");
        exec("mcopy", "-i", img.toString(), keys.toString(), "::root/.ssh/authorized_keys");
        Files.setPosixFilePermissions(img, PosixFilePermissions.fromString("rw-r--r--"));
        return img;
    }

    private String deploy(eu.stratuslab.vmm.domain.DomainSpec spec) throws Exception {
        String id = driver.deploy(spec);
        deployed.add(id);
        return id;
    }

    /** The serial console lines once the guest printed its DONE line (carriage returns removed). */
    private static List<String> awaitReport(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + BOOT_DEADLINE_NS;
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                List<String> lines = new ArrayList<>(Arrays.asList(
                        Files.readString(log, StandardCharsets.ISO_8859_1).replace("\r", "").split("\n")));
                if (lines.contains(BootableGuestImage.DONE_LINE)) {
                    return lines;
                }
            }
            TimeUnit.MILLISECONDS.sleep(200); // polling interval of an observable condition
        }
        String tail = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "(no log)";
        fail("the guest did not finish its report within " + TimeUnit.NANOSECONDS.toSeconds(BOOT_DEADLINE_NS)
                + " s; log:\n" + tail.substring(Math.max(0, tail.length() - 4000)));
        throw new AssertionError("unreachable");
    }

    private String uniqueDomainName() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            String name = DeployIds.domainName(900_000 + (long) (Math.random() * 99_999));
            if (!domainsBefore.contains(name) && !deployed.contains(name)) {
                return name;
            }
        }
        throw new IOException("no free domain name");
    }

    private static boolean onPath(String program) {
        return Arrays.stream((System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/sbin:/bin").split(":"))
                .filter(d -> !d.isEmpty()).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    private static void exec(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", argv) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
    }
}
