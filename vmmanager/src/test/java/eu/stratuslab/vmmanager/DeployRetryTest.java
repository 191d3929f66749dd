package eu.stratuslab.vmmanager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.host.HostState;
import eu.stratuslab.core.lifecycle.DummyVmOperations;
import eu.stratuslab.core.lifecycle.LifecycleEvents;
import eu.stratuslab.core.lifecycle.VmOperations;
import eu.stratuslab.core.vm.HistoryRecord;
import eu.stratuslab.core.vm.LcmState;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmState;
import java.util.List;
import java.util.Set;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A boot failure on one host sends the VM to the next candidate host; with no host left it fails.
 * The hosts are dummy hosts whose operations are replaced by a fake that refuses to boot on hosts
 * named {@code bad*}.
 */
public class DeployRetryTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private VmManagerFixture f;

    /** Dummy operations, except that a boot on a host named bad* fails. */
    static class PickyOperations implements VmOperations {
        private final DummyVmOperations dummy = new DummyVmOperations();

        @Override public void prolog(VirtualMachine vm, LifecycleEvents e) { dummy.prolog(vm, e); }
        @Override public void boot(VirtualMachine vm, LifecycleEvents e) {
            if (vm.lastHistory().hostname().startsWith("bad")) {
                e.bootFailed(vm.id(), "boot: the hypervisor of " + vm.lastHistory().hostname() + " refused the domain");
            } else {
                dummy.boot(vm, e);
            }
        }
        @Override public void restore(VirtualMachine vm, LifecycleEvents e) { dummy.restore(vm, e); }
        @Override public void shutdown(VirtualMachine vm, LifecycleEvents e) { dummy.shutdown(vm, e); }
        @Override public void cancel(VirtualMachine vm, LifecycleEvents e) { dummy.cancel(vm, e); }
        @Override public void reboot(VirtualMachine vm, LifecycleEvents e) { }
        @Override public void save(VirtualMachine vm, LifecycleEvents e) { dummy.save(vm, e); }
        @Override public void epilog(VirtualMachine vm, LifecycleEvents e) { dummy.epilog(vm, e); }
        @Override public void migrate(VirtualMachine vm, LifecycleEvents e) { dummy.migrate(vm, e); }
        @Override public void cleanup(VirtualMachine vm, LifecycleEvents e) { dummy.cleanup(vm, e); }
        @Override public void deleteFiles(VirtualMachine vm) { }
    }

    @Before
    public void open() throws Exception {
        f = new VmManagerFixture(tmp.newFolder("home").toPath(), VmManagerFixture.fastSettings(), true);
        f.core.lifecycle().operations().register("vmm_dummy", new PickyOperations());
    }

    @After
    public void close() {
        f.close();
    }

    private int dummyHost(String name) throws Exception {
        int hid = f.core.hosts().allocate(name, "im_dummy", "vmm_dummy", "dummy", "tm_dummy");
        LibvirtTestHosts.await(name + " MONITORED", VmManagerFixture.DEADLINE,
                () -> f.core.hosts().byId(hid).state() == HostState.MONITORED);
        return hid;
    }

    @Test
    public void aBootFailureIsRetriedOnTheNextHost() throws Exception {
        int bad = dummyHost("bad-node"); // id 0: the striping policy prefers it (equal rank, lowest id)
        int good = dummyHost("good-node");
        java.util.concurrent.atomic.AtomicInteger failedSeen = new java.util.concurrent.atomic.AtomicInteger();
        f.core.lifecycle().addHookListener(new eu.stratuslab.core.lifecycle.VmHookListener() {
            @Override
            public void onFailed(VirtualMachine vm) {
                failedSeen.incrementAndGet();
            }
        });
        int id = f.allocate(Caller.ONEADMIN, VmManagerFixture.NO_DISK);
        f.awaitLcm(id, LcmState.RUNNING);
        assertEquals("a retried VM is never FAILED, not even for an instant", 0, failedSeen.get());
        VirtualMachine vm = f.vm(id);
        List<HistoryRecord> history = vm.history();
        assertEquals(2, history.size());
        assertEquals(bad, history.get(0).hid());
        assertEquals(HistoryRecord.REASON_ERROR, history.get(0).reason());
        assertEquals(good, history.get(1).hid());
        assertEquals(Set.of(bad), f.manager.scheduler().avoidedHosts(id));
        assertEquals("the failed host was released", 0, f.host(bad).share().runningVms());
        assertEquals(1, f.host(good).share().runningVms());
    }

    @Test
    public void withNoHostLeftTheVmFails() throws Exception {
        dummyHost("bad-1");
        dummyHost("bad-2");
        int id = f.allocate(Caller.ONEADMIN, VmManagerFixture.NO_DISK);
        f.awaitState(id, VmState.FAILED);
        LibvirtTestHosts.await("both hosts tried", VmManagerFixture.DEADLINE,
                () -> f.manager.scheduler().avoidedHosts(id).size() == 2);
        assertEquals(VmState.FAILED, f.vm(id).state());
        assertEquals(2, f.vm(id).history().size());
        assertTrue(f.errorMessage(id), f.errorMessage(id).startsWith("boot: the hypervisor of bad-"));
    }

    @Test
    public void prologFailuresAreNotRetried() throws Exception {
        dummyHost("good-1");
        dummyHost("good-2");
        f.core.lifecycle().operations().register("vmm_dummy", new PickyOperations() {
            @Override
            public void prolog(VirtualMachine vm, LifecycleEvents e) {
                e.prologFailed(vm.id(), "prolog: refused everywhere");
            }
        });
        java.util.concurrent.CountDownLatch heard = new java.util.concurrent.CountDownLatch(1);
        f.core.lifecycle().addHookListener(new eu.stratuslab.core.lifecycle.VmHookListener() {
            @Override
            public void onFailed(VirtualMachine vm) {
                heard.countDown();
            }
        });
        int id = f.allocate(Caller.ONEADMIN, VmManagerFixture.NO_DISK);
        assertTrue(heard.await(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(VmState.FAILED, f.vm(id).state());
        assertEquals(1, f.vm(id).history().size());
        assertEquals(Set.of(), f.manager.scheduler().avoidedHosts(id));
    }
}
