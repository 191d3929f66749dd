package eu.stratuslab.template;

import java.util.Locale;

/**
 * Normalisation of attribute names and vector keys (template.md §1 "Names").
 *
 * <p>Names are case-insensitive and stored upper-case. A name that does not start with a letter,
 * or that starts with {@code XML} in any case, gets the prefix {@code ONE_}: both would be illegal
 * as XML element names in the TEMPLATE document.
 */
public final class AttributeNames {

    static final String PREFIX = "ONE_";

    private AttributeNames() {
    }

    /** Returns the stored form of {@code name}; the argument itself when it is already normalised. */
    public static String normalize(String name) {
        if (name == null) {
            throw new IllegalArgumentException("attribute name must not be null");
        }
        if (isNormalized(name)) {
            return name;
        }
        String upper = name.toUpperCase(Locale.ROOT);
        if (needsPrefix(upper)) {
            return PREFIX + upper;
        }
        return upper;
    }

    /** Fast path: already upper-case, starts with a letter and not with XML. */
    private static boolean isNormalized(String name) {
        int n = name.length();
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c >= 'a' && c <= 'z') {
                return false;
            }
            if (c >= 0x80) {
                return false;
            }
        }
        return !needsPrefix(name);
    }

    private static boolean needsPrefix(String upper) {
        if (upper.isEmpty()) {
            return true;
        }
        char first = upper.charAt(0);
        if (!(first >= 'A' && first <= 'Z')) {
            return true;
        }
        return upper.startsWith("XML");
    }
}
