package eu.stratuslab.core.lifecycle;

import eu.stratuslab.core.vm.LcmState;
import eu.stratuslab.core.vm.VmState;
import java.util.Locale;

/**
 * The actions of {@code one.vm.action} and the states each is legal in (xmlrpc-api.md §8.3). This
 * is the whole legality table; {@link Lifecycle} carries out what it allows.
 */
public enum VmAction {
    SHUTDOWN, CANCEL, REBOOT, STOP, SUSPEND, RESUME, HOLD, RELEASE, RESTART, FINALIZE, RESUBMIT;

    /** What an action does in a given state. */
    public enum Verdict {
        /** {@code Wrong state to perform action} (ACTION). */
        WRONG_STATE,
        /** Succeeds without changing anything. */
        NO_OP,
        /** Succeeds and changes the VM. */
        PROCEED
    }

    /** The action named by the API string (lower case, as oned), or null when there is none. */
    public static VmAction parse(String name) {
        if (name == null || !name.equals(name.toLowerCase(Locale.ROOT))) {
            return null;
        }
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Verdict verdict(VmState state, LcmState lcm) {
        boolean running = state == VmState.ACTIVE && lcm == LcmState.RUNNING;
        return switch (this) {
            case SHUTDOWN, CANCEL, REBOOT, STOP, SUSPEND -> running ? Verdict.PROCEED : Verdict.WRONG_STATE;
            case RESUME -> state == VmState.STOPPED || state == VmState.SUSPENDED ? Verdict.PROCEED : Verdict.WRONG_STATE;
            case HOLD -> state == VmState.PENDING ? Verdict.PROCEED : Verdict.WRONG_STATE;
            case RELEASE -> state == VmState.HOLD ? Verdict.PROCEED : Verdict.WRONG_STATE;
            case RESTART -> state == VmState.ACTIVE && (lcm == LcmState.UNKNOWN || lcm == LcmState.BOOT)
                    ? Verdict.PROCEED : Verdict.WRONG_STATE;
            case FINALIZE -> state == VmState.DONE ? Verdict.NO_OP : Verdict.PROCEED;
            case RESUBMIT -> switch (state) {
                case INIT, PENDING -> Verdict.NO_OP;
                case HOLD, STOPPED, FAILED, ACTIVE -> Verdict.PROCEED;
                case SUSPENDED, DONE -> Verdict.WRONG_STATE;
            };
        };
    }
}
