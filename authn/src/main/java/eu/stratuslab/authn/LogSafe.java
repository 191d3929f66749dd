package eu.stratuslab.authn;

/**
 * Makes client-supplied text (user names, DNs, error messages quoting them) safe for a log line:
 * control characters become {@code ?} so a user name cannot forge log lines, and the length is
 * bounded.
 */
public final class LogSafe {

    private static final int MAX_LENGTH = 300;

    private LogSafe() {
    }

    public static String printable(Object value) {
        if (value == null) {
            return "null";
        }
        String cleaned = value.toString().codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return cleaned.length() > MAX_LENGTH ? cleaned.substring(0, MAX_LENGTH) + "..." : cleaned;
    }
}
