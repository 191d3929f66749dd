package eu.stratuslab.core.lifecycle;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.fail;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.lifecycle.LifecycleFixture.Start;
import eu.stratuslab.core.vm.LcmState;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmState;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Every action of one.vm.action in every state the table of xmlrpc-api.md §8.3 distinguishes, run
 * through the real lifecycle (dummy host completes at once; the manual host keeps transient
 * states). The expected results are written out here independently of {@link VmAction}.
 */
public class LifecycleActionTableTest {
    @ClassRule
    public static TemporaryFolder tmp = new TemporaryFolder();
    private static LifecycleFixture fx;

    private static final String ACTION = "ACTION";

    @BeforeClass
    public static void open() throws Exception {
        fx = new LifecycleFixture(tmp.getRoot().toPath());
    }

    @AfterClass
    public static void close() {
        fx.close();
    }

    /** Resulting label (or ACTION) of each action from each start; absent = ACTION. */
    private static Map<Start, String> row(Object... pairs) {
        Map<Start, String> m = new EnumMap<>(Start.class);
        for (Start s : Start.values()) {
            m.put(s, ACTION);
        }
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((Start) pairs[i], (String) pairs[i + 1]);
        }
        return m;
    }

    private static final Map<String, Map<Start, String>> EXPECTED = Map.ofEntries(
            Map.entry("shutdown", row(Start.RUNNING, "DONE")),
            Map.entry("cancel", row(Start.RUNNING, "DONE")),
            Map.entry("reboot", row(Start.RUNNING, "RUNNING")),
            Map.entry("stop", row(Start.RUNNING, "STOPPED")),
            Map.entry("suspend", row(Start.RUNNING, "SUSPENDED")),
            Map.entry("resume", row(Start.STOPPED, "PENDING", Start.SUSPENDED, "RUNNING")),
            Map.entry("hold", row(Start.PENDING, "HOLD")),
            Map.entry("release", row(Start.HOLD, "PENDING")),
            Map.entry("restart", row(Start.UNKNOWN, "RUNNING", Start.BOOT, "BOOT")),
            Map.entry("finalize", row(Start.PENDING, "DONE", Start.HOLD, "DONE", Start.RUNNING, "DONE",
                    Start.STOPPED, "DONE", Start.SUSPENDED, "DONE", Start.DONE, "DONE", Start.FAILED, "DONE",
                    Start.UNKNOWN, "DONE", Start.BOOT, "CLEANUP", Start.PROLOG, "CLEANUP",
                    Start.SHUTDOWN, "CLEANUP", Start.EPILOG, "CLEANUP")),
            Map.entry("resubmit", row(Start.PENDING, "PENDING", Start.HOLD, "PENDING", Start.RUNNING, "PENDING",
                    Start.STOPPED, "PENDING", Start.FAILED, "PENDING", Start.UNKNOWN, "PENDING",
                    Start.BOOT, "CLEANUP", Start.PROLOG, "CLEANUP", Start.SHUTDOWN, "CLEANUP",
                    Start.EPILOG, "CLEANUP")));

    @Test
    public void everyActionInEveryState() throws Exception {
        List<String> mismatches = new ArrayList<>();
        int cells = 0;
        for (Map.Entry<String, Map<Start, String>> action : EXPECTED.entrySet()) {
            for (Start start : Start.values()) {
                int id = fx.vmIn(start);
                String expected = action.getValue().get(start);
                String got;
                try {
                    fx.lc.action(action.getKey(), id);
                    got = fx.label(id);
                } catch (OneException e) {
                    got = e.code() == ErrorCode.ACTION && e.getMessage().equals("Wrong state to perform action")
                            ? ACTION : "error " + e.code() + " " + e.getMessage();
                    assertEquals("a refused action changes nothing", start.name(), fx.label(id));
                }
                assertValidState(fx.vm(id));
                cells++;
                if (!expected.equals(got)) {
                    mismatches.add(action.getKey() + " in " + start + ": expected " + expected + ", got " + got);
                }
            }
        }
        assertEquals(11 * Start.values().length, cells);
        assertEquals("mismatches: " + mismatches, List.of(), mismatches);
    }

    @Test
    public void unknownActionsAreInternalErrorsInEveryState() throws Exception {
        for (String action : List.of("poweroff", "reset", "resched", "unresched", "SHUTDOWN", "")) {
            for (Start start : Start.values()) {
                int id = fx.vmIn(start);
                try {
                    fx.lc.action(action, id);
                    fail(action + " accepted in " + start);
                } catch (OneException e) {
                    assertEquals(ErrorCode.INTERNAL, e.code());
                    assertEquals("Internal error. Action result not defined", e.getMessage());
                }
                assertEquals(start.name(), fx.label(id));
            }
        }
    }

    @Test
    public void actionOnMissingVmIsNoExists() {
        try {
            fx.lc.action("shutdown", 424242);
            fail();
        } catch (OneException e) {
            assertEquals(ErrorCode.NO_EXISTS, e.code());
            assertEquals("Error getting virtual machine [424242].", e.getMessage());
        }
    }

    @Test
    public void verdictTableAgreesForEveryStatePair() {
        // the pure table must never allow what the integration table refuses, in any STATE/LCM pair
        for (VmAction a : VmAction.values()) {
            for (VmState s : VmState.values()) {
                for (LcmState l : LcmState.values()) {
                    VmAction.Verdict v = a.verdict(s, l);
                    boolean running = s == VmState.ACTIVE && l == LcmState.RUNNING;
                    switch (a) {
                        case SHUTDOWN, CANCEL, REBOOT, STOP, SUSPEND ->
                                assertEquals(a + " " + s + "/" + l, running, v == VmAction.Verdict.PROCEED);
                        case FINALIZE -> assertFalse(v == VmAction.Verdict.WRONG_STATE);
                        case RESUBMIT -> assertEquals(s == VmState.SUSPENDED || s == VmState.DONE,
                                v == VmAction.Verdict.WRONG_STATE);
                        default -> { }
                    }
                }
            }
        }
        assertEquals(VmAction.SHUTDOWN, VmAction.parse("shutdown"));
        assertEquals(null, VmAction.parse("Shutdown"));
        assertEquals(null, VmAction.parse("poweroff"));
    }

    @Test
    public void cleanupCompletionEndsInDoneOrPending() throws Exception {
        int finalized = fx.vmIn(Start.BOOT);
        fx.lc.action("finalize", finalized);
        fx.lc.cleanupDone(finalized);
        assertEquals("DONE", fx.label(finalized));

        int resubmitted = fx.vmIn(Start.PROLOG);
        fx.lc.action("resubmit", resubmitted);
        fx.lc.cleanupDone(resubmitted);
        assertEquals("PENDING", fx.label(resubmitted));
        // a second deploy starts afresh on a new history record
        fx.lc.deploy(resubmitted, LifecycleFixture.DUMMY_HOST);
        VirtualMachine vm = fx.vm(resubmitted);
        assertEquals("RUNNING", fx.label(resubmitted));
        assertEquals(2, vm.history().size());
        assertEquals(3, vm.history().get(0).reason()); // USER
    }

    static void assertValidState(VirtualMachine vm) {
        assertFalse("STATE 3 with LCM 0: " + vm, vm.state() == VmState.ACTIVE && vm.lcmState() == LcmState.LCM_INIT);
        assertFalse("LCM outside ACTIVE: " + vm, vm.state() != VmState.ACTIVE && vm.lcmState() != LcmState.LCM_INIT);
    }
}
