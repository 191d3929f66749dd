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
import eu.stratuslab.vmm.DriverRegistry;
import eu.stratuslab.vmm.HypervisorDriver;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The libvirt VM manager against private nodes of libvirt's test driver (no mocks). */
public class LibvirtVmOperationsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private VmManagerFixture f;
    private String uri;
    private int hid;
    /** An independent look at the node, as an operator's virsh would have. */
    private DriverRegistry observerRegistry;
    private HypervisorDriver node;

    @BeforeClass
    public static void libvirt() {
        LibvirtTestHosts.requireLibvirt();
    }

    @Before
    public void open() throws Exception {
        f = new VmManagerFixture(tmp.newFolder("home").toPath(), VmManagerFixture.fastSettings(), true);
        uri = LibvirtTestHosts.privateHost(tmp.newFolder("node1").toPath());
        hid = f.addHost(uri);
        observerRegistry = new DriverRegistry();
        node = observerRegistry.driverFor("observer", "vmm_kvm", Map.of(DriverRegistry.LIBVIRT_URI, uri));
    }

    @After
    public void close() {
        if (f != null) {
            f.close();
        }
        if (observerRegistry != null) {
            observerRegistry.close();
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
        String uri2 = LibvirtTestHosts.privateHost(tmp.newFolder("node2").toPath());
        int hid2 = f.addHost(uri2);
        HypervisorDriver node2 = observerRegistry.driverFor("observer2", "vmm_kvm", Map.of(DriverRegistry.LIBVIRT_URI, uri2));
        int id = f.allocate(Caller.ONEADMIN, VmManagerFixture.NO_DISK);
        f.awaitLcm(id, LcmState.RUNNING);
        int from = f.vm(id).lastHistory().hid();
        int to = from == hid ? hid2 : hid;
        f.core.lifecycle().migrate(id, to, false);
        LibvirtTestHosts.await("RUNNING on the new host", VmManagerFixture.DEADLINE,
                () -> f.vm(id).is(LcmState.RUNNING) && f.vm(id).lastHistory().hid() == to);
        HypervisorDriver target = to == hid ? node : node2;
        HypervisorDriver source = to == hid ? node2 : node;
        assertEquals(DomainStatus.State.RUNNING, target.status("one-" + id).state());
        assertEquals(DomainStatus.State.MISSING, source.status("one-" + id).state());
        assertEquals(0, f.host(from).share().runningVms());
        assertEquals(1, f.host(to).share().runningVms());
    }

    @Test
    public void liveMigrationEndsRunningOnExactlyOneHost() throws Exception {
        String uri2 = LibvirtTestHosts.privateHost(tmp.newFolder("node2").toPath());
        int hid2 = f.addHost(uri2);
        HypervisorDriver node2 = observerRegistry.driverFor("observer2", "vmm_kvm", Map.of(DriverRegistry.LIBVIRT_URI, uri2));
        int id = f.allocate(Caller.ONEADMIN, VmManagerFixture.NO_DISK);
        f.awaitLcm(id, LcmState.RUNNING);
        int from = f.vm(id).lastHistory().hid();
        int to = from == hid ? hid2 : hid;
        f.core.lifecycle().migrate(id, to, true);
        // the test driver may or may not migrate: either way the VM ends RUNNING where its domain is
        LibvirtTestHosts.await("migration finished", VmManagerFixture.DEADLINE, () -> f.vm(id).is(LcmState.RUNNING));
        int where = f.vm(id).lastHistory().hid();
        HypervisorDriver there = where == hid ? node : node2;
        HypervisorDriver other = where == hid ? node2 : node;
        assertEquals(DomainStatus.State.RUNNING, there.status("one-" + id).state());
        assertEquals(DomainStatus.State.MISSING, other.status("one-" + id).state());
        assertEquals(1, f.host(where).share().runningVms());
        assertEquals(0, f.host(where == hid ? hid2 : hid).share().runningVms());
    }
}
