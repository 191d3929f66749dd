package eu.stratuslab.infra.config;

import java.util.OptionalInt;

/**
 * Whole numbers written by people (templates, settings files, command lines): each reader says in its
 * own words what went wrong, this says only whether the text is a whole number in range.
 */
public final class WholeNumbers {
    private WholeNumbers() {
    }

    /**
     * The number {@code text} spells, white space around it ignored, when it is at least {@code min};
     * empty for null, for anything else than a decimal {@code int}, and for smaller numbers.
     */
    public static OptionalInt atLeast(String text, int min) {
        if (text == null) {
            return OptionalInt.empty();
        }
        try {
            int n = Integer.parseInt(text.strip());
            return n >= min ? OptionalInt.of(n) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
