package eu.stratuslab.core.lifecycle;

import static org.junit.Assert.assertEquals;

import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.host.HostShare;
import eu.stratuslab.core.scheduler.Scheduler;
import eu.stratuslab.core.scheduler.SchedulerSettings;
import eu.stratuslab.core.vm.VmState;
import eu.stratuslab.vmm.HostProbe;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** CPU_USAGE (CPU x 100 per VM) never wraps, however large a template's CPU is. */
public class HostCountersOverflowTest {
    /** CPU x 100 = 3e9, beyond 2^31. */
    private static final String HUGE = "NAME = huge\nCPU = 30000000\nMEMORY = 64\n";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private LifecycleFixture fx;

    @Before
    public void open() throws Exception {
        fx = new LifecycleFixture(tmp.getRoot().toPath());
    }

    @After
    public void close() {
        fx.close();
    }

    private HostShare share() throws Exception {
        return fx.core.hosts().get(LifecycleFixture.DUMMY_HOST).share();
    }

    @Test
    public void aHugeCpuDemandIsChargedAndReleasedExactly() throws Exception {
        int id = fx.core.vms().allocate(Caller.ONEADMIN, HUGE).id();
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
    public void theSchedulerDoesNotPlaceAVmThatFitsNoHost() throws Exception {
        // the dummy host as im_dummy reports it: 8 CPUs, 16 GB
        fx.core.hosts().monitored(LifecycleFixture.DUMMY_HOST, new HostProbe(800, 16777216, 800, 16777216, 0, 0,
                "dummy", "", "", "", 0, 0, "dummyhost1"));
        int huge = fx.core.vms().allocate(Caller.ONEADMIN, HUGE).id();
        int small = fx.core.vms().allocate(Caller.ONEADMIN, "NAME = small\nCPU = 1\nMEMORY = 64\n").id();
        Scheduler s = new Scheduler(fx.core.vms(), fx.core.hosts(), fx.lc, fx.core.authorizer(),
                SchedulerSettings.defaults().withMaxHost(2));
        assertEquals("only the VM that fits", 1, s.runPass());
        assertEquals(VmState.PENDING, fx.vm(huge).state());
        assertEquals(VmState.ACTIVE, fx.vm(small).state());
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
