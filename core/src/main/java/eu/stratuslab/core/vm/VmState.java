package eu.stratuslab.core.vm;

/**
 * The VM {@code STATE} of OpenNebula 3.2 (xmlrpc-api.md §8.1). Values 8 and above (POWEROFF and
 * later) do not exist here: they crash the legacy CLI. INIT is never stored or shown.
 */
public enum VmState implements StateCode {
    INIT, PENDING, HOLD, ACTIVE, STOPPED, SUSPENDED, DONE, FAILED;

    private static final VmState[] BY_CODE = values();

    public static VmState of(int code) {
        return StateCode.of(BY_CODE, code, "VM state");
    }
}
