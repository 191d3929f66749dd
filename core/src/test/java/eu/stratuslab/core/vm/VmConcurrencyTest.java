package eu.stratuslab.core.vm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.Permissions;
import eu.stratuslab.infra.testsupport.Together;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/** Parallel allocations and actions never lose an update, double a lease or pass a quota twice. */
public class VmConcurrencyTest {
    @Rule
    public InstalledCore installed = new InstalledCore(new MutableClock(1_700_000_000L));
    private Core core;

    @Before
    public void open() {
        core = installed.core();
    }

    /** The tasks (8 at the most) run at once, one thread each; their results in order. */
    private static <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
        return Together.run(8, Duration.ofSeconds(120), tasks);
    }


    @Test
    public void parallelAllocationsGetDistinctIdsAndLeases() throws Exception {
        List<Callable<List<VirtualMachine>>> tasks = new ArrayList<>();
        for (int u = 0; u < 8; u++) {
            Caller user = VmFixture.user(core, "user" + u);
            tasks.add(() -> {
                List<VirtualMachine> mine = new ArrayList<>();
                for (int i = 0; i < 15; i++) {
                    mine.add(core.vms().allocate(user, VmFixture.LEGACY_DEFAULT));
                }
                return mine;
            });
        }
        Set<Integer> ids = new HashSet<>();
        Set<String> ips = new HashSet<>();
        for (List<VirtualMachine> list : runTogether(tasks)) {
            for (VirtualMachine vm : list) {
                ids.add(vm.id());
                ips.add(vm.template().firstVector("NIC").get("IP"));
            }
        }
        assertEquals(120, ids.size());
        assertEquals(120, ips.size());
        assertEquals(120, core.vms().size());
        assertEquals(120, core.networks().byName("public", 0).usedLeases());
    }

    @Test
    public void quotaCannotBePassedByParallelRequests() throws Exception {
        Caller alice = VmFixture.user(core, "alice");
        AtomicInteger refused = new AtomicInteger();
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tasks.add(() -> {
                try {
                    core.vms().allocate(alice, "CPU = 5\nMEMORY = 64\n");
                    return 1;
                } catch (OneException e) {
                    assertEquals(ErrorCode.AUTHORIZATION, e.code());
                    refused.incrementAndGet();
                    return 0;
                }
            });
        }
        int ok = runTogether(tasks).stream().mapToInt(Integer::intValue).sum();
        assertEquals(4, ok); // default quota 20 CPUs
        assertEquals(4, refused.get());
        assertEquals(20.0, core.vms().cpuUsedBy(alice.uid()), 1e-9);
    }

    @Test
    public void concurrentActionsOnTheSameVmsLoseNoUpdate() throws Exception {
        List<Integer> vms = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            vms.add(core.vms().allocate(Caller.ONEADMIN, VmFixture.LEGACY_DEFAULT).id());
        }
        AtomicInteger holds = new AtomicInteger();
        AtomicInteger releases = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            tasks.add(() -> {
                for (int round = 0; round < 40; round++) {
                    for (int id : vms) {
                        count(() -> core.lifecycle().action("hold", id), holds, unexpected);
                        count(() -> core.lifecycle().action("release", id), releases, unexpected);
                    }
                }
                return null;
            });
        }
        // writers of other fields at the same time: each sets one permission bit on every VM
        for (int bit = 3; bit < 7; bit++) {
            int b = bit;
            tasks.add(() -> {
                for (int id : vms) {
                    int[] bits = {-1, -1, -1, -1, -1, -1, -1, -1, -1};
                    bits[b] = 1;
                    core.vms().chmod(id, bits);
                }
                return null;
            });
        }
        runTogether(tasks);
        assertTrue("unexpected errors: " + unexpected, unexpected.isEmpty());
        int heldNow = 0;
        for (int id : vms) {
            VirtualMachine vm = core.vms().get(id);
            assertTrue(vm.state() == VmState.HOLD || vm.state() == VmState.PENDING);
            heldNow += vm.state() == VmState.HOLD ? 1 : 0;
            assertEquals(new Permissions(1, 1, 0, 1, 1, 1, 1, 0, 0), vm.permissions());
        }
        // every successful hold/release was applied to the state the previous one left
        assertEquals(heldNow, holds.get() - releases.get());
        assertTrue(holds.get() > 0);

        // and what is stored is what was shown
        List<String> shown = new ArrayList<>();
        for (int id : vms) {
            shown.add(core.vms().get(id).infoXml());
        }
        core = installed.reopen();
        for (int i = 0; i < vms.size(); i++) {
            assertEquals(shown.get(i), core.vms().get(vms.get(i)).infoXml());
        }
    }

    private interface Action {
        void run() throws OneException;
    }

    private static void count(Action a, AtomicInteger successes, ConcurrentLinkedQueue<Throwable> unexpected) {
        try {
            a.run();
            successes.incrementAndGet();
        } catch (OneException e) {
            if (e.code() != ErrorCode.ACTION) {
                unexpected.add(e);
            }
        } catch (RuntimeException e) {
            unexpected.add(e);
        }
    }
}
