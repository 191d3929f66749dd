package eu.stratuslab.scheduler;

import static org.junit.Assert.assertEquals;

import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.lifecycle.LifecycleFixture;
import eu.stratuslab.core.vm.VmState;
import eu.stratuslab.vmm.HostProbe;
import org.junit.Rule;
import org.junit.Test;

/** A VM whose CPU demand (CPU x 100 beyond 2^31) fits no host stays PENDING; the others are placed. */
public class SchedulerCapacityTest {
    /** CPU x 100 = 3e9, beyond 2^31. */
    private static final String HUGE_CPU = "30000000";

    @Rule
    public final LifecycleFixture fx = LifecycleFixture.perTest();

    @Test
    public void theSchedulerDoesNotPlaceAVmThatFitsNoHost() throws Exception {
        // the dummy host as im_dummy reports it: 8 CPUs, 16 GB
        fx.core.hosts().monitored(LifecycleFixture.DUMMY_HOST, new HostProbe(800, 16777216, 800, 16777216, 0, 0,
                "dummy", "", "", "", 0, 0, "dummyhost1"));
        // allocate refuses such a CPU (issue 13 item 3); a VM stored before that rule may carry one
        int huge = fx.core.vms().allocate(Caller.ONEADMIN, "NAME = huge\nCPU = 1\nMEMORY = 64\n").id();
        fx.core.vms().update(huge, draft -> draft.template().set("CPU", HUGE_CPU));
        int small = fx.core.vms().allocate(Caller.ONEADMIN, "NAME = small\nCPU = 1\nMEMORY = 64\n").id();
        Scheduler s = new Scheduler(fx.core.vms(), fx.core.hosts(), fx.lc, fx.core.authorizer(),
                SchedulerSettings.defaults().withMaxHost(2));
        assertEquals("only the VM that fits", 1, s.runPass());
        assertEquals(VmState.PENDING, fx.vm(huge).state());
        assertEquals(VmState.ACTIVE, fx.vm(small).state());
    }

}
