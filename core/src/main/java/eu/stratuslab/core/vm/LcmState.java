package eu.stratuslab.core.vm;

/**
 * The {@code LCM_STATE} of OpenNebula 3.2 (xmlrpc-api.md §8.1): meaningful only while the VM is
 * ACTIVE, {@link #LCM_INIT} in every other state. Values 17 and above (3.8 additions) never occur.
 */
public enum LcmState implements StateCode {
    LCM_INIT, PROLOG, BOOT, RUNNING, MIGRATE, SAVE_STOP, SAVE_SUSPEND, SAVE_MIGRATE, PROLOG_MIGRATE,
    PROLOG_RESUME, EPILOG_STOP, EPILOG, SHUTDOWN, CANCEL, FAILURE, CLEANUP, UNKNOWN;

    private static final LcmState[] BY_CODE = values();

    public static LcmState of(int code) {
        return StateCode.of(BY_CODE, code, "LCM state");
    }
}
