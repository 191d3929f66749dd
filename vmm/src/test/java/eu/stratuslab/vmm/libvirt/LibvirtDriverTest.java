package eu.stratuslab.vmm.libvirt;

import eu.stratuslab.vmm.DomainStatus;
import eu.stratuslab.vmm.DomainStatus.State;
import eu.stratuslab.vmm.DriverException;
import eu.stratuslab.vmm.HostProbe;
import eu.stratuslab.vmm.domain.DomainSpec;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

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
    public TemporaryFolder tmp = new TemporaryFolder();

    private LibvirtDriver driver;

    @Before
    public void openPrivateHost() throws Exception {
        driver = new LibvirtDriver("node1", TestHosts.privateHostUri(tmp.newFolder("node1").toPath()),
                DriverTimeouts.DEFAULT, tmp.newFolder("migration").toPath());
    }

    @After
    public void close() {
        driver.close();
    }

    @Test
    public void deployDefinesAndStartsTheDomain() throws Exception {
        assertEquals("one-101", driver.deploy(TestHosts.testDomain(101, 262144)));
        DomainStatus st = driver.status("one-101");
        assertEquals(State.RUNNING, st.state());
        assertEquals(262144, st.memoryKb());
        assertEquals(Set.of("one-101"), driver.listDomains());
    }

    @Test
    public void deployingARunningDomainAgainFails() throws Exception {
        driver.deploy(TestHosts.testDomain(102, 131072));
        DriverException e = assertThrows(DriverException.class, () -> driver.deploy(TestHosts.testDomain(102, 131072)));
        assertTrue(e.getMessage(), e.getMessage().contains("already running"));
    }

    @Test
    public void deployReplacesAStoppedLeftoverOfTheSameName() throws Exception {
        driver.deploy(TestHosts.testDomain(114, 131072));
        driver.shutdown("one-114");
        assertEquals(State.SHUTOFF, driver.status("one-114").state());
        assertEquals("one-114", driver.deploy(TestHosts.testDomain(114, 262144)));
        DomainStatus st = driver.status("one-114");
        assertEquals(State.RUNNING, st.state());
        assertEquals(262144, st.memoryKb());
    }

    @Test
    public void aDeadConnectionIsReopenedAndEventsFollow() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        driver.addEventListener((id, state) -> seen.add(id + " " + state));
        LibvirtConnections.Lease shared = LibvirtConnections.acquire(driver.uri(), DriverTimeouts.DEFAULT.call());
        try {
            shared.connect().close(); // what a libvirtd restart looks like to the holder
            assertEquals(Set.of(), driver.listDomains());
            driver.deploy(TestHosts.testDomain(115, 131072));
            assertEquals(State.RUNNING, driver.status("one-115").state());
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
        DriverException e = assertThrows(DriverException.class, () -> driver.deploy(broken));
        assertTrue(e.getMessage(), e.getMessage().contains("RAW DATA"));
        assertEquals(Set.of(), driver.listDomains());
    }

    @Test
    public void suspendAndResume() throws Exception {
        driver.deploy(TestHosts.testDomain(104, 131072));
        driver.suspend("one-104");
        assertEquals(State.PAUSED, driver.status("one-104").state());
        driver.resume("one-104");
        assertEquals(State.RUNNING, driver.status("one-104").state());
    }

    @Test
    public void shutdownStopsTheGuestAndDestroyUndefinesIt() throws Exception {
        driver.deploy(TestHosts.testDomain(105, 131072));
        driver.shutdown("one-105");
        assertEquals(State.SHUTOFF, driver.status("one-105").state());
        assertEquals("a stopped domain stays defined until destroy", Set.of("one-105"), driver.listDomains());
        driver.destroy("one-105");
        assertEquals(State.MISSING, driver.status("one-105").state());
        assertEquals(Set.of(), driver.listDomains());
    }

    @Test
    public void destroyIsIdempotent() throws Exception {
        driver.deploy(TestHosts.testDomain(106, 131072));
        driver.destroy("one-106");
        driver.destroy("one-106");
        driver.destroy("one-999");
        assertEquals(State.MISSING, driver.status("one-106").state());
    }

    @Test
    public void rebootKeepsTheDomainRunning() throws Exception {
        driver.deploy(TestHosts.testDomain(107, 131072));
        driver.reboot("one-107");
        assertEquals(State.RUNNING, driver.status("one-107").state());
    }

    @Test
    public void actionsOnUnknownDomainsFailClearly() {
        for (String action : new String[] {"shutdown", "suspend", "resume", "reboot"}) {
            DriverException e = assertThrows(DriverException.class, () -> {
                switch (action) {
                    case "shutdown" -> driver.shutdown("one-404");
                    case "suspend" -> driver.suspend("one-404");
                    case "resume" -> driver.resume("one-404");
                    default -> driver.reboot("one-404");
                }
            });
            assertTrue(e.getMessage(), e.getMessage().contains("one-404 not found on node1"));
        }
    }

    @Test
    public void saveRemovesTheDomainAndRestoreBringsItBack() throws Exception {
        driver.deploy(TestHosts.testDomain(108, 196608));
        Path state = tmp.getRoot().toPath().resolve("one-108.state");
        driver.save("one-108", state);
        assertTrue(Files.size(state) > 0);
        assertEquals(State.MISSING, driver.status("one-108").state());
        assertEquals(Set.of(), driver.listDomains());

        assertEquals("one-108", driver.restore(state));
        DomainStatus st = driver.status("one-108");
        assertEquals(State.RUNNING, st.state());
        assertEquals(196608, st.memoryKb());
        driver.destroy("one-108");
        assertEquals(Set.of(), driver.listDomains());
    }

    @Test
    public void restoreOfAFileThatIsNoSaveImageFails() throws Exception {
        Path junk = tmp.newFile("junk.state").toPath();
        Files.writeString(junk, "not a save image");
        assertThrows(DriverException.class, () -> driver.restore(junk));
    }

    @Test
    public void coldMigrationMovesTheDomainToTheOtherHost() throws Exception {
        try (LibvirtDriver node2 = new LibvirtDriver("node2", TestHosts.privateHostUri(tmp.newFolder("node2").toPath()),
                DriverTimeouts.DEFAULT, tmp.getRoot().toPath())) {
            driver.deploy(TestHosts.testDomain(109, 131072));
            driver.migrate("one-109", node2, false);
            assertEquals(State.MISSING, driver.status("one-109").state());
            assertEquals(State.RUNNING, node2.status("one-109").state());
            assertEquals(Set.of("one-109"), node2.listDomains());
        }
    }

    @Test
    public void liveMigrationNeedsALibvirtTarget() throws Exception {
        driver.deploy(TestHosts.testDomain(110, 131072));
        try (var dummy = new eu.stratuslab.vmm.dummy.DummyDriver("d1")) {
            assertThrows(DriverException.class, () -> driver.migrate("one-110", dummy, true));
        }
        assertEquals(State.RUNNING, driver.status("one-110").state());
    }

    @Test
    public void probeReportsTheNodeInOpenNebulaUnits() throws Exception {
        driver.deploy(TestHosts.testDomain(111, 1048576));
        HostProbe p = driver.probe();
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
        driver.deploy(TestHosts.testDomain(116, 131072));
        HostProbe first = driver.probe();
        driver.deploy(TestHosts.testDomain(117, 131072));
        HostProbe second = driver.probe();
        assertTrue("free CPU after a new domain: " + second.freeCpu() + " of " + second.totalCpu(),
                second.freeCpu() >= second.totalCpu() - 100 * 2);
        assertEquals(first.totalCpu(), second.freeCpu() + second.usedCpu());
    }

    @Test
    public void lifecycleEventsReachTheListener() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        driver.addEventListener((id, state) -> seen.add(id + " " + state));
        driver.deploy(TestHosts.testDomain(112, 131072));
        awaitEvent(seen, "one-112 RUNNING");
        driver.suspend("one-112");
        awaitEvent(seen, "one-112 PAUSED");
        driver.resume("one-112");
        awaitEvent(seen, "one-112 RUNNING");
        driver.destroy("one-112");
        awaitEvent(seen, "one-112 SHUTOFF");
        awaitEvent(seen, "one-112 MISSING");
    }

    @Test
    public void driversOfOneUriShareOneConnection() throws Exception {
        String uri = driver.uri();
        int before = LibvirtConnections.openCount();
        LibvirtDriver second = new LibvirtDriver("node1-again", uri, DriverTimeouts.DEFAULT, tmp.getRoot().toPath());
        assertEquals(before, LibvirtConnections.openCount());
        second.deploy(TestHosts.testDomain(113, 131072));
        assertEquals("both see the same host", State.RUNNING, driver.status("one-113").state());
        second.close();
        assertEquals(before, LibvirtConnections.openCount());
        assertEquals(State.RUNNING, driver.status("one-113").state());
        driver.close();
        assertEquals(before - 1, LibvirtConnections.openCount());
        assertThrows(DriverException.class, () -> driver.status("one-113"));
    }

    @Test
    public void unreachableUriFailsWithADriverException() {
        DriverException e = assertThrows(DriverException.class, () -> new LibvirtDriver("nowhere",
                "test:///" + tmp.getRoot() + "/does-not-exist.xml", DriverTimeouts.DEFAULT, tmp.getRoot().toPath()));
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage(), e.getMessage().startsWith("open test:///"));
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
