package eu.stratuslab.scheduler;

import static org.junit.Assert.assertEquals;

import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.lifecycle.LifecycleFixture;
import eu.stratuslab.core.testsupport.Await;
import eu.stratuslab.core.vm.LcmState;
import eu.stratuslab.core.vm.VmFixture;
import eu.stratuslab.core.vm.VmState;
import eu.stratuslab.scheduler.Scheduler.PassReport;
import eu.stratuslab.vmm.HostProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

/**
 * Issue 14 item 9, "a backlog costs nothing": with PENDING VMs that fit nowhere, an arriving VM is
 * tried alone; the backlog is reconsidered only when a host may take more, in id order and at most
 * MAX_VM VMs per pass; a host that gets room places the waiting VMs without the periodic pass. The
 * scheduler's own report of each pass ({@link Scheduler#lastPass()}) says how many VMs it looked at.
 */
public class SchedulerBacklogTest {
    /** So long that a test passing within its deadline never saw a periodic pass. */
    private static final Duration NEVER = Duration.ofHours(1);
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final int HOST = LifecycleFixture.DUMMY_HOST;

    @Rule
    public final LifecycleFixture fx = LifecycleFixture.perTest();
    private Scheduler scheduler;

    @After
    public void stop() {
        if (scheduler != null) {
            scheduler.close();
        }
    }

    /** The dummy host with {@code cores} CPUs free and 16 GiB; each VM of the fixture takes a CPU and 512 MiB. */
    private void monitor(int hostId, int cores) {
        fx.core.hosts().monitored(hostId, new HostProbe(cores * 100, 16L << 20, cores * 100, 16L << 20, 0, 0, "dummy",
                "x86_64", "cpu", "2400", 0, 0, "node" + hostId));
    }

    /** A scheduler driven by hand (no thread): each {@link Scheduler#runPass()} is one pass. */
    private Scheduler scheduler(SchedulerSettings settings) {
        scheduler = new Scheduler(fx.core.vms(), fx.core.hosts(), fx.lc, fx.core.authorizer(), settings.withInterval(NEVER));
        fx.lc.addHookListener(scheduler);
        return scheduler;
    }

    private int allocate() throws OneException {
        return fx.core.vms().allocate(Caller.ONEADMIN, VmFixture.LEGACY_DEFAULT).id();
    }

    private List<Integer> allocate(int n) throws OneException {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(allocate());
        }
        return ids;
    }

    private VmState state(int id) throws OneException {
        return fx.vm(id).state();
    }

    private PassReport pass() {
        scheduler.runPass();
        return scheduler.lastPass();
    }

    @Test
    public void anAllocateWithABacklogAndNoNewRoomConsidersOnlyTheNewVm() throws Exception {
        monitor(HOST, 2);
        scheduler(SchedulerSettings.defaults().withMaxHost(10));
        List<Integer> running = allocate(2);
        assertEquals("the first pass looks at everything PENDING", new PassReport(true, 2, 2), pass());
        List<Integer> backlog = allocate(40); // the host is full
        assertEquals("they are tried as they arrive", new PassReport(false, 40, 0), pass());

        int late = allocate();
        assertEquals("only the new VM, not the 40 waiting", new PassReport(false, 1, 0), pass());
        assertEquals(VmState.PENDING, state(late));
        assertEquals("nothing happened: nothing looked at", new PassReport(false, 0, 0), pass());
        monitor(HOST, 2);
        assertEquals("the same probe again is no new room", new PassReport(false, 0, 0), pass());

        fx.lc.action("shutdown", running.get(0)); // the dummy driver ends it at once: one CPU back
        assertEquals(VmState.DONE, state(running.get(0)));
        assertEquals("freed room: the backlog, oldest first", new PassReport(true, 41, 1), pass());
        assertEquals(VmState.ACTIVE, state(backlog.get(0)));
        for (int id : backlog.subList(1, backlog.size())) {
            assertEquals(VmState.PENDING, state(id));
        }
        assertEquals(VmState.PENDING, state(late));
    }

    @Test
    public void freedRoomPlacesTheBacklogInIdOrderAtMostMaxVmPerPass() throws Exception {
        monitor(HOST, 4);
        List<Integer> running = allocate(4);
        for (int id : running) {
            fx.lc.deploy(id, HOST); // by hand: the host is full before the scheduler starts
        }
        scheduler(new SchedulerSettings(NEVER, 3, 0, 100, SchedulerSettings.STRIPING, null));
        List<Integer> backlog = allocate(10);
        assertEquals("MAX_VM: the first three, none fits", new PassReport(true, 3, 0), pass());
        assertEquals(new PassReport(false, 0, 0), pass());

        for (int id : running.subList(0, 3)) {
            fx.lc.action("shutdown", id);
        }
        assertEquals("three CPUs back: the three oldest", new PassReport(true, 3, 3), pass());
        assertEquals("cut short by MAX_VM after placing: one more pass, the next three", new PassReport(true, 3, 0), pass());
        assertEquals(new PassReport(false, 0, 0), pass());
        for (int i = 0; i < backlog.size(); i++) {
            assertEquals("VM " + backlog.get(i), i < 3 ? VmState.ACTIVE : VmState.PENDING, state(backlog.get(i)));
        }

        fx.lc.action("shutdown", running.get(3));
        fx.lc.action("shutdown", backlog.get(0));
        assertEquals("two CPUs back: the two oldest waiting", new PassReport(true, 3, 2), pass());
        assertEquals(List.of(VmState.ACTIVE, VmState.ACTIVE, VmState.PENDING),
                List.of(state(backlog.get(3)), state(backlog.get(4)), state(backlog.get(5))));
    }

    @Test
    public void aHostThatGetsRoomPlacesTheWaitingVmsWithoutThePeriodicPass() throws Exception {
        fx.core.hosts().enable(HOST, false);
        scheduler(SchedulerSettings.defaults()); // MAX_HOST 1: one VM per host and pass
        List<Integer> waiting = allocate(3);
        assertEquals("no host: they wait", new PassReport(true, 3, 0), pass());
        scheduler.start();
        Await.await("the start pass", DEADLINE, () -> scheduler.passes() >= 2); // no room either
        assertEquals(new PassReport(true, 3, 0), scheduler.lastPass());
        // the next periodic pass is an hour away

        fx.core.hosts().enable(HOST, true);
        monitor(HOST, 3);
        for (int id : waiting) {
            awaitRunning(id);
        }
    }

    @Test
    public void anAddedHostTakesTheBacklogPassAfterPassWithinMaxHost() throws Exception {
        monitor(HOST, 1);
        scheduler(SchedulerSettings.defaults());
        int first = allocate();
        assertEquals(new PassReport(true, 1, 1), pass());
        List<Integer> waiting = allocate(2);
        assertEquals("the host is full", new PassReport(false, 2, 0), pass());

        int added = fx.core.hosts().allocate("node2", "im_dummy", "vmm_dummy", "dummy", "tm_dummy");
        monitor(added, 2);
        assertEquals("MAX_HOST 1", new PassReport(true, 2, 1), pass());
        assertEquals("cut short by MAX_HOST after placing: at once another", new PassReport(true, 1, 1), pass());
        assertEquals(new PassReport(false, 0, 0), pass());
        for (int id : waiting) {
            assertEquals(added, fx.vm(id).lastHistory().hid());
        }
        assertEquals(HOST, fx.vm(first).lastHistory().hid());
    }

    private void awaitRunning(int id) {
        Await.await("VM " + id + " RUNNING", DEADLINE, () -> fx.core.vms().find(id).is(LcmState.RUNNING),
                () -> fx.core.vms().find(id).state() + "/" + fx.core.vms().find(id).lcmState());
    }
}
