package eu.stratuslab.hooks.context;

import static org.junit.Assert.fail;

import eu.stratuslab.infra.exec.Programs;
import org.junit.Assume;

/** Skips a test whose external tool is missing, or fails it under STRATUSLAB_FULL_TESTS=1. */
final class ToolRequirement {
    private ToolRequirement() {
    }

    static void requirePrograms(String... programs) {
        for (String p : programs) {
            if (!Programs.available(p)) {
                String problem = p + " is not installed";
                if ("1".equals(System.getenv("STRATUSLAB_FULL_TESTS"))) {
                    fail(problem + " (required under STRATUSLAB_FULL_TESTS=1)");
                }
                Assume.assumeTrue(problem, false);
            }
        }
    }
}
