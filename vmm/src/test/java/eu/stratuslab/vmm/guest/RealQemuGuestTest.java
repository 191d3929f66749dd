package eu.stratuslab.vmm.guest;

import eu.stratuslab.vmm.DomainStatus.State;
import eu.stratuslab.vmm.HostProbe;
import org.junit.Rule;
import org.junit.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    @Rule
    public final LocalGuests guests = new LocalGuests("vmm-real-guest");

    @Test
    public void deployedGuestBootsAndPrintsItsMarkerThenDestroyLeavesNothing() throws Exception {
        String name = guests.uniqueDomainName();
        String marker = UUID.randomUUID().toString();
        Path serial = guests.runDir().resolve("serial.log");

        String id = guests.deploy(LocalLibvirt.tinyGuest().domain(name, marker, false, serial));
        assertEquals(name, id);
        assertEquals(State.RUNNING, guests.driver().status(id).state());
        assertTrue(guests.driver().listDomains().contains(id));

        LocalGuests.awaitLine(serial, TinyGuest.readyLine(marker), LocalGuests.TINY_BOOT_DEADLINE_NS);
        assertEquals("the guest idles after printing", State.RUNNING, guests.driver().status(id).state());

        guests.driver().destroy(id);
        assertEquals(State.MISSING, guests.driver().status(id).state());
        Set<String> left = guests.driver().listDomains();
        left.removeAll(guests.domainsBefore());
        assertEquals("no one-* domain left behind", Set.of(), left);
    }

    @Test
    public void guestPowerOffIsReportedAsShutoffEvent() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        guests.driver().addEventListener((id, state) -> events.add(id + " " + state));
        String name = guests.uniqueDomainName();
        String marker = UUID.randomUUID().toString();
        Path serial = guests.runDir().resolve("poweroff.log");

        String id = guests.deploy(LocalLibvirt.tinyGuest().domain(name, marker, true, serial));
        awaitEvent(events, id + " RUNNING");
        awaitEvent(events, id + " SHUTOFF");
        assertEquals(State.SHUTOFF, guests.driver().status(id).state());
        assertTrue("the guest ran its init before powering off",
                Files.readString(serial, StandardCharsets.ISO_8859_1).contains(TinyGuest.readyLine(marker)));

        guests.driver().destroy(id);
        assertEquals(State.MISSING, guests.driver().status(id).state());
        assertFalse(guests.driver().listDomains().contains(id));
    }

    @Test
    public void savedGuestIsGoneAndComesBackRunningOnRestore() throws Exception {
        String id = guests.bootTinyGuest("save.log");

        Path state = guests.runDir().resolve(id + ".state");
        guests.driver().save(id, state);
        assertTrue(Files.size(state) > 0);
        assertEquals(State.MISSING, guests.driver().status(id).state());
        assertFalse(guests.driver().listDomains().contains(id));

        assertEquals("the name comes from the qemu save image header", id, guests.driver().restore(state));
        assertEquals(State.RUNNING, guests.driver().status(id).state());
        guests.driver().destroy(id);
        assertEquals(State.MISSING, guests.driver().status(id).state());
    }

    @Test
    public void probeDescribesTheLocalNode() throws Exception {
        HostProbe p = guests.driver().probe();
        assertEquals("kvm", p.hypervisor());
        long cpus = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("processor")).count();
        assertEquals(cpus * 100, p.totalCpu());
        assertTrue(p.totalMemoryKb() > 0);
        assertTrue(p.freeMemoryKb() > 0 && p.freeMemoryKb() <= p.totalMemoryKb());
        assertEquals(p.totalMemoryKb(), p.freeMemoryKb() + p.usedMemoryKb());
        assertEquals("x86_64", p.arch());
        assertFalse(p.hostname().isBlank());
    }

    private static void awaitEvent(BlockingQueue<String> events, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + LocalGuests.TINY_BOOT_DEADLINE_NS;
        while (System.nanoTime() < deadline) {
            String e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (expected.equals(e)) {
                return;
            }
        }
        fail("no event '" + expected + "' within 120 s");
    }
}
