package eu.stratuslab.template.expr;

/**
 * POSIX {@code fnmatch(pattern, string, 0)}, which OpenNebula uses for string equality in
 * REQUIREMENTS: {@code *} any sequence (also {@code /} and a leading dot, as no flag is set),
 * {@code ?} any one character, {@code [...]} a bracket expression ({@code !} or {@code ^} negates,
 * ranges {@code a-z}, a leading {@code ]} is literal), and {@code \} quotes the next character.
 * Allocation-free; backtracks only to the last {@code *}, so it is linear in practice.
 */
public final class Fnmatch {

    private Fnmatch() {
    }

    public static boolean matches(String pattern, String text) {
        int p = 0;
        int t = 0;
        int starP = -1;
        int starT = -1;
        int pn = pattern.length();
        int tn = text.length();
        while (t < tn) {
            if (p < pn) {
                char pc = pattern.charAt(p);
                if (pc == '*') {
                    starP = ++p;
                    starT = t;
                    continue;
                }
                int next = matchOne(pattern, p, text.charAt(t));
                if (next >= 0) {
                    p = next;
                    t++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            p = starP;
            t = ++starT;
        }
        while (p < pn && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pn;
    }

    /** If the pattern element at {@code p} matches {@code c}: the index after it, else -1. */
    private static int matchOne(String pattern, int p, char c) {
        char pc = pattern.charAt(p);
        switch (pc) {
            case '?':
                return p + 1;
            case '[': {
                int end = bracketEnd(pattern, p);
                if (end < 0) {
                    return c == '[' ? p + 1 : -1; // an unterminated '[' is an ordinary character
                }
                return bracketMatches(pattern, p + 1, end, c) ? end + 1 : -1;
            }
            case '\\':
                if (p + 1 < pattern.length()) {
                    return pattern.charAt(p + 1) == c ? p + 2 : -1;
                }
                return c == '\\' ? p + 1 : -1;
            default:
                return pc == c ? p + 1 : -1;
        }
    }

    /** Index of the ']' closing the bracket expression opened at {@code open}, or -1. */
    private static int bracketEnd(String pattern, int open) {
        int i = open + 1;
        int n = pattern.length();
        if (i < n && (pattern.charAt(i) == '!' || pattern.charAt(i) == '^')) {
            i++;
        }
        if (i < n && pattern.charAt(i) == ']') {
            i++; // a leading ']' is a member
        }
        while (i < n) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < n) {
                i += 2;
                continue;
            }
            if (c == ']') {
                return i;
            }
            i++;
        }
        return -1;
    }

    private static boolean bracketMatches(String pattern, int from, int end, char c) {
        int i = from;
        boolean negate = false;
        if (pattern.charAt(i) == '!' || pattern.charAt(i) == '^') {
            negate = true;
            i++;
        }
        boolean found = false;
        boolean first = true;
        while (i < end) {
            char lo = pattern.charAt(i);
            if (lo == '\\' && i + 1 < end) {
                lo = pattern.charAt(++i);
            } else if (lo == ']' && !first) {
                break;
            }
            first = false;
            i++;
            if (i + 1 < end && pattern.charAt(i) == '-') {
                char hi = pattern.charAt(i + 1);
                int skip = 2;
                if (hi == '\\' && i + 2 < end) {
                    hi = pattern.charAt(i + 2);
                    skip = 3;
                }
                if (c >= lo && c <= hi) {
                    found = true;
                }
                i += skip;
            } else if (c == lo) {
                found = true;
            }
        }
        return found != negate;
    }
}
