package eu.stratuslab.infra.config;

import java.util.OptionalInt;

/**
 * Whole numbers read from settings and options. Each caller words its own refusal (which file,
 * which key, which exit code), so a text that is not an acceptable number comes back empty
 * instead of as an exception.
 */
public final class WholeNumbers {
    private WholeNumbers() {
    }

    /**
     * {@code text} as an int of at least {@code min}; empty for null, for anything
     * {@link Integer#parseInt} refuses (white space included: callers trim as their format says) and
     * for a smaller number.
     */
    public static OptionalInt atLeast(String text, int min) {
        if (text == null) {
            return OptionalInt.empty();
        }
        try {
            int v = Integer.parseInt(text);
            return v >= min ? OptionalInt.of(v) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
