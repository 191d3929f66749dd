package eu.stratuslab.vmmanager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.lifecycle.LifecycleEvents;
import eu.stratuslab.core.lifecycle.VmOperations;
import eu.stratuslab.core.vm.LcmState;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmState;
import eu.stratuslab.vmm.DomainStatus;
import eu.stratuslab.vmm.HypervisorDriver;
import eu.stratuslab.vmm.domain.DomainSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

/**
 * A restart of the core over the same database and host: the first core is left with VMs in
 * every interesting situation, the node is changed behind its back, and the second core's start-up
 * reconciliation must put everything right. The test holds its own connection to the private
 * test node so that the node's state outlives the first core (libvirt's test driver keeps state
 * per connection; with a real libvirtd the state would simply persist).
 */
public class ReconcilerTest {
    @Rule
    public final PrivateLibvirtNodes nodes = new PrivateLibvirtNodes();
    private VmManagerFixture second;

    @After
    public void close() {
        if (second != null) {
            second.close();
        }
    }

    /** Operations that never complete: leaves VMs in PROLOG or SHUTDOWN as a crash would. */
    static final class StalledOperations implements VmOperations {
        @Override public void prolog(VirtualMachine vm, LifecycleEvents e) { }
        @Override public void boot(VirtualMachine vm, LifecycleEvents e) { }
        @Override public void restore(VirtualMachine vm, LifecycleEvents e) { }
        @Override public void shutdown(VirtualMachine vm, LifecycleEvents e) { }
        @Override public void cancel(VirtualMachine vm, LifecycleEvents e) { }
        @Override public void reboot(VirtualMachine vm, LifecycleEvents e) { }
        @Override public void save(VirtualMachine vm, LifecycleEvents e) { }
        @Override public void epilog(VirtualMachine vm, LifecycleEvents e) { }
        @Override public void migrate(VirtualMachine vm, LifecycleEvents e) { }
        @Override public void cleanup(VirtualMachine vm, LifecycleEvents e) { }
        @Override public void deleteFiles(VirtualMachine vm) { }
    }

    @Test
    public void restartReconcilesDatabaseAndHost() throws Exception {
        Path home = nodes.newFolder("home").toPath();
        String uri = nodes.node("node");
        HypervisorDriver node = nodes.observer("observer", uri);

        int a;
        int b;
        int c;
        int d;
        int e;
        try (VmManagerFixture first = new VmManagerFixture(home, VmManagerFixture.fastSettings(), true)) {
            first.addHost(uri);
            a = first.allocate(Caller.ONEADMIN, VmManagerFixture.NO_DISK);
            b = first.allocate(Caller.ONEADMIN, VmManagerFixture.NO_DISK);
            d = first.allocate(Caller.ONEADMIN, VmManagerFixture.NO_DISK);
            e = first.allocate(Caller.ONEADMIN, VmManagerFixture.NO_DISK);
            for (int id : new int[] {a, b, d, e}) {
                first.awaitLcm(id, LcmState.RUNNING);
            }
            first.core.lifecycle().action("shutdown", e);
            first.awaitState(e, VmState.DONE);
            // from now on nothing completes, as if the process died after storing each transition
            StalledOperations stalled = new StalledOperations();
            VmManager.LIBVIRT_MADS.forEach(m -> first.core.lifecycle().operations().register(m, stalled));
            first.core.lifecycle().action("shutdown", d);
            c = first.allocate(Caller.ONEADMIN, VmManagerFixture.NO_DISK);
            first.awaitLcm(c, LcmState.PROLOG);
            assertTrue(first.vm(d).is(LcmState.SHUTDOWN));
        }
        // while the cloud is down: B's domain disappears, stray domains appear
        node.destroy("one-" + b);
        node.deploy(testDomain(999));
        node.deploy(testDomain(e));
        assertEquals(Set.of("one-" + a, "one-" + d, "one-999", "one-" + e), node.listDomains());

        second = new VmManagerFixture(home, VmManagerFixture.fastSettings(), false);
        Reconciler.Report report = second.manager.startReport();
        assertEquals(List.of(a), report.stillRunning());
        assertEquals(List.of(b), report.gone());
        assertEquals(Set.of(c, d), Set.copyOf(report.resumed()));
        assertEquals(Set.of(uri + ":one-999", uri + ":one-" + e), Set.copyOf(report.orphansDestroyed()));
        assertEquals(List.of(), report.errors());

        assertTrue(second.vm(a).is(LcmState.RUNNING));
        assertTrue(second.vm(b).is(LcmState.UNKNOWN));
        second.awaitLcm(c, LcmState.RUNNING);
        second.awaitState(d, VmState.DONE);
        assertEquals(Set.of("one-" + a, "one-" + c), node.listDomains());
        assertEquals(DomainStatus.State.RUNNING, node.status("one-" + c).state());
        assertEquals("ids keep counting", c + 1, second.allocate(Caller.ONEADMIN, VmManagerFixture.NO_DISK));
    }

    private static DomainSpec testDomain(int vmId) {
        return new DomainSpec("one-" + vmId, null, 1, 65536, "test", DomainSpec.Os.DEFAULT, List.of(), List.of(),
                null, null, false);
    }
}
