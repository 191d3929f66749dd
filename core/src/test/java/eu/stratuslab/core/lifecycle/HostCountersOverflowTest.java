package eu.stratuslab.core.lifecycle;

import static org.junit.Assert.assertEquals;

import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.host.HostShare;
import eu.stratuslab.core.vm.VmState;
import org.junit.Rule;
import org.junit.Test;

/** CPU_USAGE (CPU x 100 per VM) never wraps, however large a template's CPU is. */
public class HostCountersOverflowTest {
    /** CPU x 100 = 3e9, beyond 2^31. */
    private static final String HUGE_CPU = "30000000";

    @Rule
    public final LifecycleFixture fx = LifecycleFixture.perTest();

    /**
     * A VM with CPU = {@value #HUGE_CPU}: allocate refuses such a value (issue 13 item 3), but a VM
     * stored before that rule may carry one, so the counters must still not wrap.
     */
    private int hugeVm() throws Exception {
        int id = fx.core.vms().allocate(Caller.ONEADMIN, "NAME = huge\nCPU = 1\nMEMORY = 64\n").id();
        fx.core.vms().update(id, draft -> draft.template().set("CPU", HUGE_CPU));
        return id;
    }

    private HostShare share() throws Exception {
        return fx.core.hosts().get(LifecycleFixture.DUMMY_HOST).share();
    }

    @Test
    public void aHugeCpuDemandIsChargedAndReleasedExactly() throws Exception {
        int id = hugeVm();
        assertEquals(3_000_000_000L, fx.vm(id).cpuDemand());
        fx.lc.deploy(id, LifecycleFixture.DUMMY_HOST); // an administrator may deploy by hand
        assertEquals(3_000_000_000L, share().cpuUsage());
        assertEquals(1, share().runningVms());
        fx.lc.action("finalize", id);
        assertEquals(VmState.DONE, fx.vm(id).state());
        assertEquals(0, share().cpuUsage());
        assertEquals(0, share().runningVms());
    }

    @Test
    public void countersSaturateInsteadOfWrapping() throws Exception {
        fx.core.hosts().charge(LifecycleFixture.DUMMY_HOST, Long.MAX_VALUE - 5, 1);
        fx.core.hosts().charge(LifecycleFixture.DUMMY_HOST, 100, 1);
        assertEquals(Long.MAX_VALUE, share().cpuUsage());
        fx.core.hosts().release(LifecycleFixture.DUMMY_HOST, Long.MAX_VALUE, 5);
        assertEquals("never below zero", 0, share().cpuUsage());
        assertEquals(0, share().memUsage());
    }
}
