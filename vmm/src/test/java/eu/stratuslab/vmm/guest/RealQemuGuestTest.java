package eu.stratuslab.vmm.guest;

import eu.stratuslab.vmm.DeployIds;
import eu.stratuslab.vmm.DomainStatus.State;
import eu.stratuslab.vmm.HostProbe;
import eu.stratuslab.vmm.libvirt.LibvirtDriver;
import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * A real guest under qemu (TCG) through the local libvirtd: the driver's domain XML must actually
 * boot a kernel and an init that writes to the serial console.
 */
public class RealQemuGuestTest {
    private static final long BOOT_DEADLINE_NS = TimeUnit.SECONDS.toNanos(120);
    private static TinyGuest guest;

    private LibvirtDriver driver;
    private Path runDir;
    private Set<String> domainsBefore;
    private final Set<String> deployed = new HashSet<>();

    @BeforeClass
    public static void buildGuest() {
        guest = LocalLibvirt.tinyGuest();
    }

    @Before
    public void connect() throws Exception {
        runDir = LocalLibvirt.runDir("vmm-real-guest");
        driver = LocalLibvirt.open(runDir);
        domainsBefore = driver.listDomains();
    }

    @After
    public void cleanUp() throws Exception {
        LocalLibvirt.cleanUp(driver, deployed, runDir);
    }

    @Test
    public void deployedGuestBootsAndPrintsItsMarkerThenDestroyLeavesNothing() throws Exception {
        String name = uniqueDomainName();
        String marker = UUID.randomUUID().toString();
        Path serial = runDir.resolve("serial.log");

        String id = driver.deploy(guest.domain(name, marker, false, serial));
        deployed.add(id);
        assertEquals(name, id);
        assertEquals(State.RUNNING, driver.status(id).state());
        assertTrue(driver.listDomains().contains(id));

        awaitLine(serial, TinyGuest.readyLine(marker));
        assertEquals("the guest idles after printing", State.RUNNING, driver.status(id).state());

        driver.destroy(id);
        assertEquals(State.MISSING, driver.status(id).state());
        Set<String> left = driver.listDomains();
        left.removeAll(domainsBefore);
        assertEquals("no one-* domain left behind", Set.of(), left);
    }

    @Test
    public void guestPowerOffIsReportedAsShutoffEvent() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        driver.addEventListener((id, state) -> events.add(id + " " + state));
        String name = uniqueDomainName();
        String marker = UUID.randomUUID().toString();
        Path serial = runDir.resolve("poweroff.log");

        String id = driver.deploy(guest.domain(name, marker, true, serial));
        deployed.add(id);
        awaitEvent(events, id + " RUNNING");
        awaitEvent(events, id + " SHUTOFF");
        assertEquals(State.SHUTOFF, driver.status(id).state());
        assertTrue("the guest ran its init before powering off",
                Files.readString(serial, StandardCharsets.ISO_8859_1).contains(TinyGuest.readyLine(marker)));

        driver.destroy(id);
        assertEquals(State.MISSING, driver.status(id).state());
        assertFalse(driver.listDomains().contains(id));
    }

    @Test
    public void savedGuestIsGoneAndComesBackRunningOnRestore() throws Exception {
        String name = uniqueDomainName();
        String marker = UUID.randomUUID().toString();
        String id = driver.deploy(guest.domain(name, marker, false, runDir.resolve("save.log")));
        deployed.add(id);
        awaitLine(runDir.resolve("save.log"), TinyGuest.readyLine(marker));

        Path state = runDir.resolve(id + ".state");
        driver.save(id, state);
        assertTrue(Files.size(state) > 0);
        assertEquals(State.MISSING, driver.status(id).state());
        assertFalse(driver.listDomains().contains(id));

        assertEquals("the name comes from the qemu save image header", id, driver.restore(state));
        assertEquals(State.RUNNING, driver.status(id).state());
        driver.destroy(id);
        assertEquals(State.MISSING, driver.status(id).state());
    }

    @Test
    public void probeDescribesTheLocalNode() throws Exception {
        HostProbe p = driver.probe();
        assertEquals("kvm", p.hypervisor());
        long cpus = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("processor")).count();
        assertEquals(cpus * 100, p.totalCpu());
        assertTrue(p.totalMemoryKb() > 0);
        assertTrue(p.freeMemoryKb() > 0 && p.freeMemoryKb() <= p.totalMemoryKb());
        assertEquals(p.totalMemoryKb(), p.freeMemoryKb() + p.usedMemoryKb());
        assertEquals("x86_64", p.arch());
        assertFalse(p.hostname().isBlank());
    }

    private String uniqueDomainName() throws IOException {
        // High ids that a real installation is unlikely to use, different on every run.
        for (int attempt = 0; attempt < 100; attempt++) {
            String name = DeployIds.domainName(900_000 + (long) (Math.random() * 99_999));
            if (!domainsBefore.contains(name) && !deployed.contains(name)) {
                return name;
            }
        }
        throw new IOException("no free domain name");
    }

    private static void awaitLine(Path log, String line) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + BOOT_DEADLINE_NS;
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(line)) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100); // polling interval of an observable condition
        }
        String tail = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "(no log)";
        fail("'" + line + "' not on the serial console within 120 s; log:\n"
                + tail.substring(Math.max(0, tail.length() - 3000)));
    }

    private static void awaitEvent(BlockingQueue<String> events, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + BOOT_DEADLINE_NS;
        while (System.nanoTime() < deadline) {
            String e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (expected.equals(e)) {
                return;
            }
        }
        fail("no event '" + expected + "' within 120 s");
    }
}
