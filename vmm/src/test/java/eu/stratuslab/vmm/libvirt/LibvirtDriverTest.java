package eu.stratuslab.vmm.libvirt;

import eu.stratuslab.vmm.DomainStatus;
import eu.stratuslab.vmm.DomainStatus.State;
import eu.stratuslab.vmm.DriverException;
import eu.stratuslab.vmm.HostProbe;
import eu.stratuslab.vmm.domain.DomainSpec;
import org.junit.Rule;
import org.junit.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/** LibvirtDriver against libvirt's test driver on a private fake host (no daemon needed). */
public class LibvirtDriverTest {
    @Rule
    public final PrivateTestHost host = new PrivateTestHost();

    @Test
    public void deployDefinesAndStartsTheDomain() throws Exception {
        assertEquals("one-101", host.driver().deploy(TestHosts.testDomain(101, 262144)));
        DomainStatus st = host.driver().status("one-101");
        assertEquals(State.RUNNING, st.state());
        assertEquals(262144, st.memoryKb());
        assertEquals(Set.of("one-101"), host.driver().listDomains());
    }

    @Test
    public void deployingARunningDomainAgainFails() throws Exception {
        host.driver().deploy(TestHosts.testDomain(102, 131072));
        DriverException e = assertThrows(DriverException.class, () -> host.driver().deploy(TestHosts.testDomain(102, 131072)));
        assertTrue(e.getMessage(), e.getMessage().contains("already running"));
    }

    @Test
    public void deployReplacesAStoppedLeftoverOfTheSameName() throws Exception {
        host.driver().deploy(TestHosts.testDomain(114, 131072));
        host.driver().shutdown("one-114");
        assertEquals(State.SHUTOFF, host.state("one-114"));
        assertEquals("one-114", host.driver().deploy(TestHosts.testDomain(114, 262144)));
        DomainStatus st = host.driver().status("one-114");
        assertEquals(State.RUNNING, st.state());
        assertEquals(262144, st.memoryKb());
    }

    @Test
    public void aDeadConnectionIsReopenedAndEventsFollow() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        host.driver().addEventListener((id, state) -> seen.add(id + " " + state));
        LibvirtConnections.Lease shared = LibvirtConnections.acquire(host.driver().uri(), DriverTimeouts.DEFAULT.call());
        try {
            shared.connect().close(); // what a libvirtd restart looks like to the holder
            assertEquals(Set.of(), host.driver().listDomains());
            host.driver().deploy(TestHosts.testDomain(115, 131072));
            assertEquals(State.RUNNING, host.state("one-115"));
            awaitEvent(seen, "one-115 RUNNING");
        } finally {
            LibvirtConnections.release(shared);
        }
    }

    @Test
    public void brokenRawDataFailsTheDeployAndDefinesNothing() throws Exception {
        DomainSpec base = TestHosts.testDomain(103, 131072);
        DomainSpec broken = new DomainSpec(base.name(), null, 1, base.memoryKb(), "test", base.os(), base.disks(),
                base.nics(), null, "<qemu:commandline>", false);
        DriverException e = assertThrows(DriverException.class, () -> host.driver().deploy(broken));
        assertTrue(e.getMessage(), e.getMessage().contains("RAW DATA"));
        assertEquals(Set.of(), host.driver().listDomains());
    }

    @Test
    public void suspendAndResume() throws Exception {
        String id = host.driver().deploy(TestHosts.testDomain(104, 131072));
        assertStateAfter(State.PAUSED, id, LibvirtDriver::suspend);
        assertStateAfter(State.RUNNING, id, LibvirtDriver::resume);
    }

    @Test
    public void shutdownStopsTheGuestAndDestroyUndefinesIt() throws Exception {
        String id = host.driver().deploy(TestHosts.testDomain(105, 131072));
        assertStateAfter(State.SHUTOFF, id, LibvirtDriver::shutdown);
        assertEquals("a stopped domain stays defined until destroy", Set.of("one-105"), host.driver().listDomains());
        assertStateAfter(State.MISSING, id, LibvirtDriver::destroy);
        assertEquals(Set.of(), host.driver().listDomains());
    }

    @Test
    public void destroyIsIdempotent() throws Exception {
        String id = host.driver().deploy(TestHosts.testDomain(106, 131072));
        host.driver().destroy(id);
        host.driver().destroy(id);
        host.driver().destroy("one-999");
        assertEquals(State.MISSING, host.state(id));
    }

    @Test
    public void rebootKeepsTheDomainRunning() throws Exception {
        String id = host.driver().deploy(TestHosts.testDomain(107, 131072));
        assertStateAfter(State.RUNNING, id, LibvirtDriver::reboot);
    }

    @Test
    public void actionsOnUnknownDomainsFailClearly() {
        for (String action : new String[] {"shutdown", "suspend", "resume", "reboot"}) {
            DriverException e = assertThrows(DriverException.class, () -> {
                switch (action) {
                    case "shutdown" -> host.driver().shutdown("one-404");
                    case "suspend" -> host.driver().suspend("one-404");
                    case "resume" -> host.driver().resume("one-404");
                    default -> host.driver().reboot("one-404");
                }
            });
            assertTrue(e.getMessage(), e.getMessage().contains("one-404 not found on node1"));
        }
    }

    @Test
    public void saveRemovesTheDomainAndRestoreBringsItBack() throws Exception {
        host.driver().deploy(TestHosts.testDomain(108, 196608));
        Path state = host.getRoot().toPath().resolve("one-108.state");
        host.driver().save("one-108", state);
        assertTrue(Files.size(state) > 0);
        assertEquals(State.MISSING, host.state("one-108"));
        assertEquals(Set.of(), host.driver().listDomains());

        assertEquals("one-108", host.driver().restore(state));
        DomainStatus st = host.driver().status("one-108");
        assertEquals(State.RUNNING, st.state());
        assertEquals(196608, st.memoryKb());
        host.driver().destroy("one-108");
        assertEquals(Set.of(), host.driver().listDomains());
    }

    @Test
    public void restoreOfAFileThatIsNoSaveImageFails() throws Exception {
        Path junk = host.newFile("junk.state").toPath();
        Files.writeString(junk, "not a save image");
        assertThrows(DriverException.class, () -> host.driver().restore(junk));
    }

    @Test
    public void coldMigrationMovesTheDomainToTheOtherHost() throws Exception {
        try (LibvirtDriver node2 = host.open("node2", host.getRoot().toPath())) {
            host.driver().deploy(TestHosts.testDomain(109, 131072));
            host.driver().migrate("one-109", node2, false);
            assertEquals(State.MISSING, host.state("one-109"));
            assertEquals(State.RUNNING, node2.status("one-109").state());
            assertEquals(Set.of("one-109"), node2.listDomains());
        }
    }

    @Test
    public void liveMigrationNeedsALibvirtTarget() throws Exception {
        host.driver().deploy(TestHosts.testDomain(110, 131072));
        try (var dummy = new eu.stratuslab.vmm.dummy.DummyDriver("d1")) {
            assertThrows(DriverException.class, () -> host.driver().migrate("one-110", dummy, true));
        }
        assertEquals(State.RUNNING, host.state("one-110"));
    }

    @Test
    public void probeReportsTheNodeInOpenNebulaUnits() throws Exception {
        host.driver().deploy(TestHosts.testDomain(111, 1048576));
        HostProbe p = host.driver().probe();
        assertEquals(TestHosts.CPUS * 100, p.totalCpu());
        assertEquals(TestHosts.MEMORY_KB, p.totalMemoryKb());
        assertEquals(p.totalCpu(), p.freeCpu() + p.usedCpu());
        assertEquals(p.totalMemoryKb(), p.freeMemoryKb() + p.usedMemoryKb());
        assertTrue("the running 1 GiB domain uses memory", p.usedMemoryKb() >= 1048576);
        assertEquals("test", p.hypervisor());
        assertEquals("x86_64", p.arch());
        assertEquals(Integer.toString(TestHosts.MHZ), p.cpuSpeed());
        assertFalse(p.hostname().isBlank());
        assertEquals("400", p.asTemplateAttributes().get("TOTALCPU"));
    }

    /**
     * libvirt's test driver reports a domain's CPU time as the wall clock (~1.7e18 ns): a domain
     * that appears between two probes must not look as if it burnt that in one interval, which
     * left FREE_CPU at 0 and new VMs PENDING until the next probe.
     */
    @Test
    public void aDomainStartedBetweenTwoProbesDoesNotExhaustTheHostCpu() throws Exception {
        host.driver().deploy(TestHosts.testDomain(116, 131072));
        HostProbe first = host.driver().probe();
        host.driver().deploy(TestHosts.testDomain(117, 131072));
        HostProbe second = host.driver().probe();
        assertTrue("free CPU after a new domain: " + second.freeCpu() + " of " + second.totalCpu(),
                second.freeCpu() >= second.totalCpu() - 100 * 2);
        assertEquals(first.totalCpu(), second.freeCpu() + second.usedCpu());
    }

    @Test
    public void lifecycleEventsReachTheListener() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        host.driver().addEventListener((id, state) -> seen.add(id + " " + state));
        host.driver().deploy(TestHosts.testDomain(112, 131072));
        awaitEvent(seen, "one-112 RUNNING");
        host.driver().suspend("one-112");
        awaitEvent(seen, "one-112 PAUSED");
        host.driver().resume("one-112");
        awaitEvent(seen, "one-112 RUNNING");
        host.driver().destroy("one-112");
        awaitEvent(seen, "one-112 SHUTOFF");
        awaitEvent(seen, "one-112 MISSING");
    }

    @Test
    public void driversOfOneUriShareOneConnection() throws Exception {
        String uri = host.driver().uri();
        int before = LibvirtConnections.openCount();
        LibvirtDriver second = new LibvirtDriver("node1-again", uri, DriverTimeouts.DEFAULT, host.getRoot().toPath());
        assertEquals(before, LibvirtConnections.openCount());
        second.deploy(TestHosts.testDomain(113, 131072));
        assertEquals("both see the same host", State.RUNNING, host.state("one-113"));
        second.close();
        assertEquals(before, LibvirtConnections.openCount());
        assertEquals(State.RUNNING, host.state("one-113"));
        host.driver().close();
        assertEquals(before - 1, LibvirtConnections.openCount());
        assertThrows(DriverException.class, () -> host.driver().status("one-113"));
    }

    @Test
    public void unreachableUriFailsWithADriverException() {
        DriverException e = assertThrows(DriverException.class, () -> new LibvirtDriver("nowhere",
                "test:///" + host.getRoot() + "/does-not-exist.xml", DriverTimeouts.DEFAULT, host.getRoot().toPath()));
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage(), e.getMessage().startsWith("open test:///"));
    }

    /** An operation of the driver on one domain, e.g. {@code LibvirtDriver::suspend}. */
    @FunctionalInterface
    private interface DomainAction {
        void apply(LibvirtDriver driver, String deployId) throws DriverException;
    }

    /** Applies {@code action} to the domain and checks the state it leaves the domain in. */
    private void assertStateAfter(State expected, String deployId, DomainAction action) throws DriverException {
        action.apply(host.driver(), deployId);
        assertEquals(expected, host.state(deployId));
    }

    private static void awaitEvent(BlockingQueue<String> seen, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String e = seen.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (expected.equals(e)) {
                return;
            }
        }
        throw new AssertionError("no event '" + expected + "' within 10 s");
    }
}
