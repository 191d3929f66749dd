package eu.stratuslab.core.testsupport;

import static org.junit.Assert.assertEquals;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;

/** Asserting the error a core call answers: the exact message (as the API returns it) and its code. */
public final class OneErrors {
    private OneErrors() {
    }

    /** A call expected to fail. */
    public interface Action {
        void run() throws Exception;
    }

    /** {@code action} fails with exactly {@code message}, whatever its code; the error is returned. */
    public static OneException expect(Action action, String message) throws Exception {
        try {
            action.run();
        } catch (OneException e) {
            assertEquals(message, e.getMessage());
            return e;
        }
        throw new AssertionError("expected " + message);
    }

    /** {@code action} fails with exactly {@code message} and {@code code}. */
    public static void expect(Action action, int code, String message) throws Exception {
        assertEquals(code, expect(action, message).code());
    }

    /** {@code action} is refused with exactly {@code message} and INTERNAL, the code of most refusals. */
    public static void expectInternal(Action action, String message) throws Exception {
        expect(action, ErrorCode.INTERNAL, message);
    }
}
