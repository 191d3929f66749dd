package eu.stratuslab.infra.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * The OpenNebula convention for driver and hook scripts (hooks.md §1.3): on error they print a
 * line {@code ERROR MESSAGE --8<------}, the message lines and {@code ERROR MESSAGE ------>8--},
 * and exit 1. The text between the markers is what the user sees.
 */
public final class OneErrorMessage {
    public static final String BEGIN = "ERROR MESSAGE --8<------";
    public static final String END = "ERROR MESSAGE ------>8--";

    private OneErrorMessage() {
    }

    /** The text between the markers, or the whole output stripped when there are none. */
    public static String extract(String output) {
        if (output == null) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        boolean inside = false;
        boolean found = false;
        for (String line : output.split("\r?\n")) {
            if (line.strip().equals(BEGIN)) {
                inside = true;
                found = true;
            } else if (line.strip().equals(END)) {
                inside = false;
            } else if (inside) {
                lines.add(line);
            }
        }
        return found ? String.join("\n", lines).strip() : output.strip();
    }

    /** The marked block a Java-side tool prints so that a calling script or hook can quote it. */
    public static String format(String message) {
        return BEGIN + "\n" + message + "\n" + END + "\n";
    }
}
