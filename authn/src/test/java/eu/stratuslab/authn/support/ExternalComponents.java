package eu.stratuslab.authn.support;

import static org.junit.Assert.fail;

import org.junit.Assume;

/**
 * The project rule for tests that need a real system component: skip when it is unavailable,
 * unless {@code STRATUSLAB_FULL_TESTS=1}, in which case its absence is a failure.
 */
public final class ExternalComponents {

    private ExternalComponents() {
    }

    public static boolean fullTests() {
        return "1".equals(System.getenv("STRATUSLAB_FULL_TESTS"));
    }

    public static void unavailable(String component, String reason) {
        String message = component + " unavailable: " + reason;
        if (fullTests()) {
            fail(message + " (STRATUSLAB_FULL_TESTS=1)");
        }
        Assume.assumeTrue(message, false);
    }
}
