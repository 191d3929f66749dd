package eu.stratuslab.scheduler;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.testsupport.Await;
import eu.stratuslab.core.vm.InstalledCore;
import eu.stratuslab.core.vm.LcmState;
import eu.stratuslab.core.vm.MutableClock;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmFixture;
import eu.stratuslab.core.vm.VmState;
import java.time.Duration;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

/**
 * When the scheduler places VMs: at once after every event that makes a VM PENDING (allocate,
 * release, resume of a STOPPED VM, resubmit) with SCHED_ON_EVENTS = yes; only on the periodic pass
 * with SCHED_ON_EVENTS = no, so that a VM can be held, released and deployed by hand.
 */
public class SchedulerEventsTest {
    /** So long that a test passing within its deadline never saw a periodic pass. */
    private static final Duration NEVER = Duration.ofHours(1);
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Rule
    public InstalledCore installed = new InstalledCore(folder -> VmFixture.memorySettings(folder.getRoot().toPath(),
            new MutableClock(1_700_000_000L)).withMonitorInterval(Duration.ZERO), c -> { });

    private Core core;
    private Scheduler scheduler;

    private void start(SchedulerSettings settings) throws Exception {
        core = installed.core();
        Await.await("dummy host monitored", DEADLINE, () -> core.hosts().all().get(0).state().code() == 2);
        scheduler = new Scheduler(core.vms(), core.hosts(), core.lifecycle(), core.authorizer(), settings);
        core.lifecycle().addHookListener(scheduler);
        scheduler.start();
    }

    @After
    public void stop() {
        if (scheduler != null) {
            scheduler.close();
        }
    }

    private int allocate() throws OneException {
        return core.vms().allocate(Caller.ONEADMIN, VmFixture.LEGACY_DEFAULT).id();
    }

    private VirtualMachine vm(int id) {
        try {
            return core.vms().get(id);
        } catch (OneException e) {
            throw new AssertionError(e);
        }
    }

    private void awaitRunning(int id) {
        Await.await("VM " + id + " RUNNING", DEADLINE, () -> vm(id).is(LcmState.RUNNING),
                () -> vm(id).state() + "/" + vm(id).lcmState());
    }

    @Test
    public void eventsPlaceAtOnceAfterAllocateResumeAndResubmit() throws Exception {
        start(SchedulerSettings.defaults().withInterval(NEVER));
        int id = allocate();
        awaitRunning(id);

        core.lifecycle().action("stop", id);
        assertEquals(VmState.STOPPED, vm(id).state());
        core.lifecycle().action("resume", id);
        awaitRunning(id);

        core.lifecycle().action("resubmit", id); // ACTIVE → CLEANUP → PENDING
        awaitRunning(id);
        assertEquals("three deploys", 3, vm(id).history().size());

        int held = allocate();
        awaitRunning(held);
        core.lifecycle().action("suspend", held);
        core.lifecycle().action("resume", held);
        awaitRunning(held);
    }

    @Test
    public void releaseOfAHeldVmPlacesAtOnce() throws Exception {
        start(SchedulerSettings.defaults().withInterval(NEVER).withOnEvents(false));
        int id = allocate();
        core.lifecycle().action("hold", id);
        stopAndRestartWithEvents();
        core.lifecycle().action("release", id);
        awaitRunning(id);
    }

    private void stopAndRestartWithEvents() {
        scheduler.close();
        scheduler = new Scheduler(core.vms(), core.hosts(), core.lifecycle(), core.authorizer(),
                SchedulerSettings.defaults().withInterval(NEVER));
        core.lifecycle().addHookListener(scheduler);
        scheduler.start();
        Await.await("start pass", DEADLINE, () -> scheduler.passes() >= 1);
    }

    @Test
    public void withoutEventsAVmWaitsForThePeriodicPassAndCanBeHandledByHand() throws Exception {
        start(SchedulerSettings.defaults().withInterval(NEVER).withOnEvents(false));
        int id = allocate();
        core.lifecycle().action("hold", id); // would fail with "Wrong state" had a pass deployed it
        assertEquals(VmState.HOLD, vm(id).state());
        core.lifecycle().action("release", id);
        assertEquals(VmState.PENDING, vm(id).state());
        core.lifecycle().deploy(id, 0);
        awaitRunning(id);
        core.lifecycle().action("resubmit", id);
        assertEquals(VmState.PENDING, vm(id).state());
        assertEquals("no pass ran", 0, scheduler.passes());
        assertEquals("the periodic pass places it", 1, scheduler.runPass());
        awaitRunning(id);
    }

    @Test
    public void withoutEventsThePeriodicPassPlacesWithinTheInterval() throws Exception {
        Duration interval = Duration.ofSeconds(2);
        start(SchedulerSettings.defaults().withInterval(interval).withOnEvents(false));
        long started = System.nanoTime();
        int first = allocate();
        int second = allocate();
        awaitRunning(first);
        awaitRunning(second);
        long waited = System.nanoTime() - started;
        assertTrue("placed by the periodic pass, not at allocate (" + waited / 1_000_000 + " ms)",
                waited >= interval.toNanos() - Duration.ofMillis(100).toNanos());
        assertTrue("MAX_HOST = 1: one VM per host and pass, so two passes", scheduler.passes() >= 2);
    }

    @Test
    public void schedOnEventsIsReadFromSchedConf() throws Exception {
        assertTrue(SchedulerSettings.parse("SCHED_INTERVAL = 5\n").onEvents());
        assertEquals(false, SchedulerSettings.parse("SCHED_ON_EVENTS = no\n").onEvents());
        assertEquals(true, SchedulerSettings.parse("SCHED_ON_EVENTS = YES\n").onEvents());
        try {
            SchedulerSettings.parse("SCHED_ON_EVENTS = sometimes\n");
            throw new AssertionError("accepted");
        } catch (IllegalArgumentException e) {
            assertEquals("sched.conf: SCHED_ON_EVENTS must be yes or no, not 'sometimes'", e.getMessage());
        }
    }
}
