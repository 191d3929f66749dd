package eu.stratuslab.core.vm;

/**
 * The VM {@code STATE} of OpenNebula 3.2 (xmlrpc-api.md §8.1). Values 8 and above (POWEROFF and
 * later) do not exist here: they crash the legacy CLI. INIT is never stored or shown.
 */
public enum VmState {
    INIT, PENDING, HOLD, ACTIVE, STOPPED, SUSPENDED, DONE, FAILED;

    private static final VmState[] BY_CODE = values();

    public int code() {
        return ordinal();
    }

    public static VmState of(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("no VM state " + code);
        }
        return BY_CODE[code];
    }
}
