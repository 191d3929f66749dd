package eu.stratuslab.pdisk.support;

import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.Assume;

/**
 * Skips a test when a system component is missing, unless STRATUSLAB_FULL_TESTS=1, in which case
 * the test fails instead (CI installs and starts everything).
 */
public final class SystemTools {

    private SystemTools() {
    }

    public static boolean fullTests() {
        return "1".equals(System.getenv("STRATUSLAB_FULL_TESTS"));
    }

    public static void require(boolean available, String what) {
        if (available) {
            return;
        }
        if (fullTests()) {
            fail(what + " is not available but STRATUSLAB_FULL_TESTS=1");
        }
        Assume.assumeTrue(what + " is not available", false);
    }

    public static void assumeCommand(String... argv) {
        require(runs(argv), String.join(" ", argv));
    }

    public static boolean runs(String... argv) {
        try {
            List<String> cmd = new ArrayList<>(List.of(argv));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
