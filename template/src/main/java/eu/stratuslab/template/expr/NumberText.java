package eu.stratuslab.template.expr;

/**
 * Reads numbers the way OpenNebula's {@code istringstream >> value} does: leading blanks skipped,
 * the longest numeric prefix used, 0 when there is none. Allocation-free for the common forms, as
 * it runs for every host × VM pair in the scheduler.
 */
public final class NumberText {

    private NumberText() {
    }

    public static long leadingLong(String s) {
        if (s == null) {
            return 0;
        }
        int n = s.length();
        int signAt = skipBlanks(s, 0);
        boolean negative = signAt < n && s.charAt(signAt) == '-';
        int i = afterSign(s, signAt);
        long v = 0;
        int digits = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            if (v > (Long.MAX_VALUE - (c - '0')) / 10) {
                return negative ? Long.MIN_VALUE : Long.MAX_VALUE; // saturate like a failed extraction
            }
            v = v * 10 + (c - '0');
            digits++;
            i++;
        }
        if (digits == 0) {
            return 0;
        }
        return negative ? -v : v;
    }

    public static double leadingDouble(String s) {
        if (s == null) {
            return 0;
        }
        int n = s.length();
        int start = skipBlanks(s, 0);
        int i = afterSign(s, start);
        int intStart = i;
        long mantissa = 0;
        int mantissaDigits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            mantissa = mantissa * 10 + (s.charAt(i) - '0');
            mantissaDigits++;
            i++;
        }
        int intDigits = i - intStart;
        int fracDigits = 0;
        if (i < n && s.charAt(i) == '.') {
            int j = i + 1;
            while (j < n && isDigit(s.charAt(j))) {
                mantissa = mantissa * 10 + (s.charAt(j) - '0');
                mantissaDigits++;
                j++;
            }
            fracDigits = j - i - 1;
            if (intDigits > 0 || fracDigits > 0) {
                i = j;
            }
        }
        if (intDigits == 0 && fracDigits == 0) {
            return 0;
        }
        boolean hasExponent = false;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (s.charAt(j) == '-' || s.charAt(j) == '+')) {
                j++;
            }
            if (j < n && isDigit(s.charAt(j))) {
                while (j < n && isDigit(s.charAt(j))) {
                    j++;
                }
                i = j;
                hasExponent = true;
            }
        }
        boolean negative = s.charAt(start) == '-';
        if (!hasExponent && mantissaDigits <= 15 && fracDigits <= 15) {
            // exact: both the mantissa and the power of ten are representable doubles
            double v = mantissa / POWERS_OF_TEN[fracDigits];
            return negative ? -v : v;
        }
        try {
            return Double.parseDouble(s.substring(start, i));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
    };

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The index after an optional {@code -} or {@code +} at {@code i}. */
    private static int afterSign(String s, int i) {
        return i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+') ? i + 1 : i;
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
