package eu.stratuslab.vmm.dummy;

import eu.stratuslab.vmm.DomainStatus.State;
import eu.stratuslab.vmm.DriverException;
import eu.stratuslab.vmm.domain.DomainSpec;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class DummyDriverTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final DummyDriver node = new DummyDriver("dummy1");

    @After
    public void close() {
        node.close();
    }

    private static DomainSpec vm(int id) {
        return new DomainSpec("one-" + id, null, 1, 524288, "kvm", null, null, null, null, null, false);
    }

    @Test
    public void probeHasOpenNebulaDummyValues() {
        Map<String, String> t = node.probe().asTemplateAttributes();
        assertEquals("800", t.get("TOTALCPU"));
        assertEquals("16777216", t.get("TOTALMEMORY"));
        assertEquals("800", t.get("FREECPU"));
        assertEquals("0", t.get("USEDCPU"));
        assertEquals("dummy", t.get("HYPERVISOR"));
        assertEquals("dummy1", t.get("HOSTNAME"));
        assertEquals(Set.of("ARCH", "CPUSPEED", "FREECPU", "FREEMEMORY", "HOSTNAME", "HYPERVISOR", "MODELNAME",
                "NETRX", "NETTX", "TOTALCPU", "TOTALMEMORY", "USEDCPU", "USEDMEMORY"), t.keySet());
    }

    @Test
    public void deployIdNamesHostAndDomain() throws Exception {
        assertEquals("dummy1:one-5:dummy", node.deploy(vm(5)));
        assertEquals(State.RUNNING, node.status("dummy1:one-5:dummy").state());
        assertEquals(524288, node.status("dummy1:one-5:dummy").memoryKb());
        assertEquals(Set.of("dummy1:one-5:dummy"), node.listDomains());
    }

    @Test
    public void everyActionCompletesAtOnce() throws Exception {
        String id = node.deploy(vm(6));
        node.suspend(id);
        assertEquals(State.PAUSED, node.status(id).state());
        node.resume(id);
        assertEquals(State.RUNNING, node.status(id).state());
        node.reboot(id);
        node.shutdown(id);
        assertEquals(State.SHUTOFF, node.status(id).state());
        node.destroy(id);
        assertEquals(State.MISSING, node.status(id).state());
        node.destroy(id);
        assertEquals(Set.of(), node.listDomains());
    }

    @Test
    public void runningDomainCannotBeDeployedTwiceButAStoppedOneCan() throws Exception {
        String id = node.deploy(vm(7));
        assertThrows(DriverException.class, () -> node.deploy(vm(7)));
        node.shutdown(id);
        assertEquals(id, node.deploy(vm(7)));
    }

    @Test
    public void actionsOnUnknownDomainsFail() {
        assertThrows(DriverException.class, () -> node.suspend("dummy1:one-9:dummy"));
        assertThrows(DriverException.class, () -> node.shutdown("dummy1:one-9:dummy"));
    }

    @Test
    public void saveAndRestoreOnAnotherDummyHost() throws Exception {
        String id = node.deploy(vm(8));
        Path state = tmp.getRoot().toPath().resolve("checkpoint");
        node.save(id, state);
        assertEquals(State.MISSING, node.status(id).state());
        try (DummyDriver other = new DummyDriver("dummy2")) {
            assertEquals("dummy2:one-8:dummy", other.restore(state));
            assertEquals(524288, other.status("dummy2:one-8:dummy").memoryKb());
        }
    }

    @Test
    public void restoreRejectsForeignFiles() throws Exception {
        Path junk = tmp.newFile().toPath();
        Files.writeString(junk, "LibvirtQemudSave...");
        assertThrows(DriverException.class, () -> node.restore(junk));
    }

    @Test
    public void migrateMovesTheDomain() throws Exception {
        String id = node.deploy(vm(9));
        try (DummyDriver other = new DummyDriver("dummy2")) {
            node.migrate(id, other, true);
            assertEquals(Set.of(), node.listDomains());
            assertEquals(State.RUNNING, other.status("dummy2:one-9:dummy").state());
        }
    }

    @Test
    public void eventsAreDeliveredOffTheCallingThread() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        Thread caller = Thread.currentThread();
        node.addEventListener((id, st) -> seen.add(id + " " + st + (Thread.currentThread() == caller ? " SAME" : "")));
        String id = node.deploy(vm(10));
        node.suspend(id);
        node.destroy(id);
        assertEquals(id + " RUNNING", seen.poll(10, TimeUnit.SECONDS));
        assertEquals(id + " PAUSED", seen.poll(10, TimeUnit.SECONDS));
        assertEquals(id + " MISSING", seen.poll(10, TimeUnit.SECONDS));
    }

    @Test
    public void disksAttachedToARunningDomainShowInItsDescription() throws Exception {
        String id = node.deploy(vm(21));
        int before = node.diskTargets(id).size();
        node.attachDisk(id, new DomainSpec.Disk("/v/u-1", false, "vdz", null, "raw", true, false));
        assertEquals(before + 1, node.diskTargets(id).size());
        assertTrue(node.domainXml(id).contains("/v/u-1"));
        assertThrows(DriverException.class, () -> node.attachDisk(id,
                new DomainSpec.Disk("/v/u-2", false, "vdz", null, "raw", false, false)));
        node.detachDisk(id, "vdz");
        assertEquals(before, node.diskTargets(id).size());
        node.shutdown(id);
        assertThrows(DriverException.class, () -> node.attachDisk(id,
                new DomainSpec.Disk("/v/u-1", false, "vdz", null, "raw", false, false)));
    }
}
