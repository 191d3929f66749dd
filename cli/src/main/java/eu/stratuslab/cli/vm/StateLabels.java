package eu.stratuslab.cli.vm;

/**
 * VM state labels (legacy-cli.md §6): from LCM_STATE when STATE is 3 (ACTIVE), else from STATE. An
 * unknown number is {@code Unknown (<n>)} (§9: the legacy client crashed or printed
 * {@code Invalid State}).
 */
public final class StateLabels {
    private static final String[] LCM = {"Lcm_Init", "Prolog", "Boot", "Running", "Migrate", "Save_Stop",
        "Save_Suspend", "Save_Migrate", "Prolog_Migrate", "Prolog_Resume", "Epilog_Stop", "Epilog", "Shutdown",
        "Cancel", "Failure", "Delete", "Unknown"};
    private static final String[] STATE = {"Init", "Pending", "Hold", null, "Stopped", "Suspended", "Done", "Failed"};

    private StateLabels() {
    }

    public static String label(int state, int lcmState) {
        if (state == 3) {
            return lcmState >= 0 && lcmState < LCM.length ? LCM[lcmState] : "Unknown (" + lcmState + ")";
        }
        return state >= 0 && state < STATE.length ? STATE[state] : "Unknown (" + state + ")";
    }
}
