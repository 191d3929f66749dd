package eu.stratuslab.core.testsupport;

import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for an observable condition with a deadline (never a fixed sleep). */
public final class Await {
    private Await() {
    }

    public static void await(String what, Duration deadline, BooleanSupplier condition) {
        await(what, deadline, condition, () -> "");
    }

    /** @param state described in the failure message */
    public static void await(String what, Duration deadline, BooleanSupplier condition, Supplier<String> state) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                fail("timed out after " + deadline.toSeconds() + " s waiting for " + what + " " + state.get());
            }
            try {
                Thread.sleep(25); // poll period only; the condition decides
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + what);
            }
        }
    }
}
