package eu.stratuslab.vmmanager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.host.HostShare;
import eu.stratuslab.core.vm.HistoryRecord;
import eu.stratuslab.core.vm.LcmState;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmState;
import eu.stratuslab.vmm.DomainStatus;
import eu.stratuslab.vmm.HypervisorDriver;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/** The libvirt VM manager against private nodes of libvirt's test driver (no mocks). */
public class LibvirtVmOperationsTest {
    @Rule
    public final PrivateLibvirtNodes nodes = new PrivateLibvirtNodes();

    private VmManagerFixture f;
    private String uri;
    private int hid;
    /** An independent look at the node, as an operator's virsh would have. */
    private HypervisorDriver node;

    @Before
    public void open() throws Exception {
        f = new VmManagerFixture(nodes.newFolder("home").toPath(), VmManagerFixture.fastSettings(), true);
        uri = nodes.node("node1");
        hid = f.addHost(uri);
        node = nodes.observer("observer", uri);
    }

    @After
    public void close() {
        if (f != null) { // null when opening failed
            f.close();
        }
    }

    private Path vmDir(int id) {
        return f.core.settings().varDir().resolve(Integer.toString(id));
    }

    @Test
    public void aVmWithoutDiskRunsAndShutsDown() throws Exception {
        int id = f.allocate(Caller.ONEADMIN, VmManagerFixture.NO_DISK);
        f.awaitLcm(id, LcmState.RUNNING);
        VirtualMachine vm = f.vm(id);
        assertEquals("one-" + id, vm.deployId());
        HistoryRecord h = vm.lastHistory();
        assertEquals(uri, h.hostname());
        assertEquals(hid, h.hid());
        assertEquals(DomainStatus.State.RUNNING, node.status("one-" + id).state());
        HostShare share = f.host(hid).share();
        assertEquals(100, share.cpuUsage());
        assertEquals(128 * 1024, share.memUsage());
        assertEquals(1, share.runningVms());
        LibvirtTestHosts.await("monitoring values", VmManagerFixture.DEADLINE, () -> f.vm(id).memory() > 0);

        f.core.lifecycle().action("shutdown", id);
        f.awaitState(id, VmState.DONE);
        assertEquals(Set.of(), node.listDomains());
        assertEquals(0, f.host(hid).share().runningVms());
        assertEquals(0, f.host(hid).share().cpuUsage());
        assertFalse(Files.exists(vmDir(id).resolve("images")));
    }

    @Test
    public void aPrologFailureFailsTheVmWithTheTransferManagersMessageAndFreesTheHost() throws Exception {
        // DiskFreeTransfer refuses any DISK: the refusal must reach TEMPLATE/ERROR/MESSAGE as it is
        int id = f.allocate(Caller.ONEADMIN, VmManagerFixture.NO_DISK + "DISK = [ SOURCE = \"/x.img\" ]\n");
        f.awaitState(id, VmState.FAILED);
        assertEquals("prolog: this test transfer manager prepares no disks", f.errorMessage(id));
        assertEquals("capacity released", 0, f.host(hid).share().runningVms());
        assertEquals(Set.of(), node.listDomains());
    }

    @Test
    public void stopResumeSuspendRebootFinalize() throws Exception {
        int id = f.allocate(Caller.ONEADMIN, VmManagerFixture.NO_DISK);
        f.awaitLcm(id, LcmState.RUNNING);

        f.core.lifecycle().action("stop", id);
        f.awaitState(id, VmState.STOPPED);
        assertTrue(Files.isRegularFile(vmDir(id).resolve("checkpoint")));
        assertEquals(Set.of(), node.listDomains());
        f.core.lifecycle().action("resume", id); // STOPPED -> PENDING -> PROLOG_RESUME -> BOOT (restore)
        f.awaitLcm(id, LcmState.RUNNING);
        assertEquals(DomainStatus.State.RUNNING, node.status("one-" + id).state());
        assertFalse("consumed by the restore", Files.exists(vmDir(id).resolve("checkpoint")));

        f.core.lifecycle().action("suspend", id);
        f.awaitState(id, VmState.SUSPENDED);
        assertEquals(DomainStatus.State.MISSING, node.status("one-" + id).state());
        f.core.lifecycle().action("resume", id);
        f.awaitLcm(id, LcmState.RUNNING);

        f.core.lifecycle().action("reboot", id);
        assertTrue(f.vm(id).is(LcmState.RUNNING));

        f.core.lifecycle().action("finalize", id);
        f.awaitState(id, VmState.DONE);
        assertEquals(Set.of(), node.listDomains());
    }

    @Test
    public void aDomainThatVanishesMakesTheVmUnknownAndRestartBringsItBack() throws Exception {
        int id = f.allocate(Caller.ONEADMIN, VmManagerFixture.NO_DISK);
        f.awaitLcm(id, LcmState.RUNNING);
        node.destroy("one-" + id); // behind the cloud's back
        f.awaitLcm(id, LcmState.UNKNOWN);
        f.core.lifecycle().action("restart", id);
        f.awaitLcm(id, LcmState.RUNNING);
        assertEquals(DomainStatus.State.RUNNING, node.status("one-" + id).state());
    }

    @Test
    public void coldMigrationMovesTheDomain() throws Exception {
        Migration m = migrateARunningVm(false);
        LibvirtTestHosts.await("RUNNING on the new host", VmManagerFixture.DEADLINE,
                () -> f.vm(m.id()).is(LcmState.RUNNING) && f.vm(m.id()).lastHistory().hid() == m.to());
        assertEquals(DomainStatus.State.RUNNING, m.observer(m.to()).status("one-" + m.id()).state());
        assertEquals(DomainStatus.State.MISSING, m.observer(m.from()).status("one-" + m.id()).state());
        assertEquals(0, f.host(m.from()).share().runningVms());
        assertEquals(1, f.host(m.to()).share().runningVms());
    }

    @Test
    public void liveMigrationEndsRunningOnExactlyOneHost() throws Exception {
        Migration m = migrateARunningVm(true);
        // the test driver may or may not migrate: either way the VM ends RUNNING where its domain is
        LibvirtTestHosts.await("migration finished", VmManagerFixture.DEADLINE, () -> f.vm(m.id()).is(LcmState.RUNNING));
        int where = f.vm(m.id()).lastHistory().hid();
        int other = m.otherThan(where);
        assertEquals(DomainStatus.State.RUNNING, m.observer(where).status("one-" + m.id()).state());
        assertEquals(DomainStatus.State.MISSING, m.observer(other).status("one-" + m.id()).state());
        assertEquals(1, f.host(where).share().runningVms());
        assertEquals(0, f.host(other).share().runningVms());
    }

    /** VM {@code id} was ordered to migrate {@code from} its host {@code to} the other of the two hosts. */
    private record Migration(int id, int from, int to, int hid, HypervisorDriver node, int hid2, HypervisorDriver node2) {
        /** Of the two hosts, the one that is not {@code host}. */
        int otherThan(int host) {
            return host == hid ? hid2 : hid;
        }

        /** The test's own connection to {@code host}. */
        HypervisorDriver observer(int host) {
            return host == hid ? node : node2;
        }
    }

    /** Adds a second node, runs a VM and orders its migration to the host it does not run on. */
    private Migration migrateARunningVm(boolean live) throws Exception {
        String uri2 = nodes.node("node2");
        int hid2 = f.addHost(uri2);
        HypervisorDriver node2 = nodes.observer("observer2", uri2);
        int id = f.allocate(Caller.ONEADMIN, VmManagerFixture.NO_DISK);
        f.awaitLcm(id, LcmState.RUNNING);
        int from = f.vm(id).lastHistory().hid();
        int to = from == hid ? hid2 : hid;
        f.core.lifecycle().migrate(id, to, live);
        return new Migration(id, from, to, hid, node, hid2, node2);
    }
}
