package eu.stratuslab.core.vm;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.PoolFilter;

/**
 * The arguments of {@code one.vmpool.info} (xmlrpc-api.md §5): the common ownership filter and id
 * range, plus the VM state (-2 any, -1 any but DONE, 0..7 exactly that STATE).
 */
public record VmPoolFilter(PoolFilter owners, int state) {
    public static final int STATE_ANY = -2;
    public static final int STATE_NOT_DONE = -1;

    /** Validates like oned: the state first, then the ownership flag; both XML_RPC_API. */
    public static VmPoolFilter of(int filter, int startId, int endId, int state) throws OneException {
        if (state < STATE_ANY || state > VmState.FAILED.code()) {
            throw new OneException(ErrorCode.XML_RPC_API, "Incorrect filter_flag, state");
        }
        return new VmPoolFilter(PoolFilter.of(filter, startId, endId), state);
    }

    /** First id to list (inclusive). */
    int lowId() {
        return owners.startId() == -1 ? Integer.MIN_VALUE : owners.startId();
    }

    /** Last id to list (inclusive); as in oned the end bound only applies together with a start bound. */
    int highId() {
        return owners.startId() == -1 || owners.endId() == -1 ? Integer.MAX_VALUE : owners.endId();
    }

    boolean stateMatches(VmState s) {
        return switch (state) {
            case STATE_ANY -> true;
            case STATE_NOT_DONE -> s != VmState.DONE;
            default -> s.code() == state;
        };
    }
}
