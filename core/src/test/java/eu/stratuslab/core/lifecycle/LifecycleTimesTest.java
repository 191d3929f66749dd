package eu.stratuslab.core.lifecycle;

import static org.junit.Assert.assertEquals;

import eu.stratuslab.core.vm.HistoryRecord;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmState;
import org.junit.Rule;
import org.junit.Test;

/**
 * STIME/ETIME of the VM and the times of its history record (xmlrpc-api.md §8) are set at the
 * transitions where oned 3.2.1 sets them, on the normal path and on every failure path. Each step
 * happens one clock second later, so every time tells which step set it.
 */
public class LifecycleTimesTest {
    private static final long T0 = 1_700_000_000L;

    @Rule
    public final LifecycleFixture fx = LifecycleFixture.perTest();

    /** Moves the clock to T0 + {@code step} seconds. */
    private void at(int step) {
        fx.clock.set(T0 + step);
    }

    /** What happens to the VM at one step. */
    private interface Event {
        void happen() throws Exception;
    }

    /** {@code event} happens at T0 + {@code step} seconds. */
    private void at(int step, Event event) throws Exception {
        at(step);
        event.happen();
    }

    /** The last record shows {@code expectedTimes} and the VM exited at {@code exitStep}. */
    private void assertExited(int id, String expectedTimes, int exitStep) throws Exception {
        assertEquals(expectedTimes, times(id));
        assertEquals(t(exitStep), fx.vm(id).etime());
    }

    private long t(int step) {
        return T0 + step;
    }

    private HistoryRecord last(int id) throws Exception {
        return fx.vm(id).lastHistory();
    }

    /** STIME ETIME PSTIME PETIME RSTIME RETIME ESTIME EETIME REASON of the last record, as steps. */
    private String times(int id) throws Exception {
        HistoryRecord h = last(id);
        long[] v = {h.stime(), h.etime(), h.prologStart(), h.prologEnd(), h.runningStart(), h.runningEnd(),
            h.epilogStart(), h.epilogEnd()};
        StringBuilder sb = new StringBuilder();
        for (long x : v) {
            sb.append(x == 0 ? "-" : Long.toString(x - T0)).append(' ');
        }
        return sb.append("reason ").append(h.reason()).toString();
    }

    private int deployedOnManual() throws Exception {
        at(0);
        int id = fx.allocate();
        at(1, () -> fx.lc.deploy(id, LifecycleFixture.MANUAL_HOST));
        return id;
    }

    /** shutdown at step 4, the guest has stopped at step 5. */
    private void shutDownAt4(int id) throws Exception {
        at(4, () -> fx.lc.action("shutdown", id));
        at(5, () -> fx.lc.shutdownDone(id));
    }

    private int runningOnManual() throws Exception {
        int id = deployedOnManual();
        at(2, () -> fx.lc.prologDone(id));
        at(3, () -> fx.lc.booted(id, "one-" + id));
        return id;
    }

    @Test
    public void normalPathShutdownToDone() throws Exception {
        int id = runningOnManual();
        assertEquals(t(0), fx.vm(id).stime());
        assertEquals("prolog end and running start together (prolog_success_action)",
                "1 - 1 2 2 - - - reason 0", times(id));
        shutDownAt4(id);
        assertEquals("1 - 1 2 2 5 5 - reason 0", times(id));
        at(6, () -> fx.lc.epilogDone(id));
        assertExited(id, "1 6 1 2 2 5 5 6 reason 0", 6);
        assertEquals(VmState.DONE, fx.vm(id).state());
    }

    @Test
    public void prologFailure() throws Exception {
        int id = deployedOnManual();
        at(2, () -> fx.lc.prologFailed(id, "prolog: no such image"));
        assertEquals(VmState.FAILED, fx.vm(id).state());
        assertEquals("1 2 1 2 - - - - reason 1", times(id));
        assertEquals("the VM's ETIME is set on FAILED (failed_action)", t(2), fx.vm(id).etime());
    }

    @Test
    public void bootFailure() throws Exception {
        int id = deployedOnManual();
        at(2, () -> fx.lc.prologDone(id));
        at(3, () -> fx.lc.bootFailed(id, "domain would not start"));
        assertEquals(VmState.FAILED, fx.vm(id).state());
        assertExited(id, "1 3 1 2 2 3 - - reason 1", 3);
    }

    @Test
    public void monitorFailureOfARunningVm() throws Exception {
        int id = runningOnManual();
        at(4, () -> fx.lc.monitorFailed(id, "domain lost"));
        assertExited(id, "1 4 1 2 2 4 - - reason 1", 4);
    }

    @Test
    public void epilogFailure() throws Exception {
        int id = runningOnManual();
        shutDownAt4(id);
        at(6, () -> fx.lc.epilogFailed(id, "cannot save the disk"));
        assertExited(id, "1 6 1 2 2 5 5 6 reason 1", 6);
    }

    @Test
    public void cancel() throws Exception {
        int id = runningOnManual();
        at(4, () -> fx.lc.action("cancel", id));
        assertEquals("nothing ends before the hypervisor reports", "1 - 1 2 2 - - - reason 0", times(id));
        at(5, () -> fx.lc.cancelDone(id));
        assertEquals("1 - 1 2 2 5 5 - reason 4", times(id));
        at(6, () -> fx.lc.epilogDone(id));
        assertExited(id, "1 6 1 2 2 5 5 6 reason 4", 6);
    }

    @Test
    public void finalizeOfAFailedVm() throws Exception {
        int id = deployedOnManual();
        at(2, () -> fx.lc.prologFailed(id, "prolog: no such image"));
        at(7, () -> fx.lc.action("finalize", id));
        assertEquals(VmState.DONE, fx.vm(id).state());
        assertEquals("the record keeps the failure's times", "1 2 1 2 - - - - reason 1", times(id));
        assertEquals("exit time of the finalize", t(7), fx.vm(id).etime());
    }

    @Test
    public void finalizeOfARunningVmClosesTheRecordAtCleanup() throws Exception {
        int id = runningOnManual();
        at(4, () -> fx.lc.action("finalize", id));
        assertEquals("clean_up_vm: running ends, record closed, REASON USER", "1 4 1 2 2 4 - - reason 3", times(id));
        assertEquals(0, fx.vm(id).etime());
        at(5, () -> fx.lc.cleanupDone(id));
        assertExited(id, "1 4 1 2 2 4 - - reason 3", 5);
    }

    @Test
    public void finalizeDuringTheProlog() throws Exception {
        int id = deployedOnManual();
        at(2, () -> fx.lc.action("finalize", id));
        assertEquals("1 2 1 2 - - - - reason 3", times(id));
        at(3, () -> fx.lc.cleanupDone(id));
        assertEquals(t(3), fx.vm(id).etime());
    }

    @Test
    public void resubmitOfARunningVmThenTheNextDeploy() throws Exception {
        int id = runningOnManual();
        at(4, () -> fx.lc.action("resubmit", id));
        at(5, () -> fx.lc.cleanupDone(id));
        VirtualMachine vm = fx.vm(id);
        assertEquals(VmState.PENDING, vm.state());
        assertEquals("1 4 1 2 2 4 - - reason 3", times(id));
        assertEquals("a resubmitted VM has not exited", 0, vm.etime());
        at(6, () -> fx.lc.deploy(id, LifecycleFixture.MANUAL_HOST));
        assertEquals(2, fx.vm(id).history().size());
        assertEquals("6 - 6 - - - - - reason 0", times(id));
    }

    @Test
    public void bootFailureAfterARestartIsNotRetriedElsewhere() throws Exception {
        fx.lc.setDeployFailurePolicy((vm, failedHost) -> true);
        int id = runningOnManual();
        at(4, () -> fx.lc.domainGone(id));
        fx.lc.action("restart", id);
        at(5, () -> fx.lc.bootFailed(id, "domain would not start again"));
        assertEquals("a VM that ran on its host fails rather than moving", VmState.FAILED, fx.vm(id).state());

        int fresh = deployedOnManual();
        at(2, () -> fx.lc.prologDone(fresh));
        at(3, () -> fx.lc.bootFailed(fresh, "domain would not start"));
        assertEquals("never ran there: back to PENDING", VmState.PENDING, fx.vm(fresh).state());
        assertEquals("1 3 1 2 2 3 - - reason 1", times(fresh));
    }
}
