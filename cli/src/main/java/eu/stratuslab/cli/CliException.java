package eu.stratuslab.cli;

/**
 * A failure the user is told about in one line, {@code Error: <message>} on standard error, with the
 * legacy client's exit status: 255 for every answer of the server that means "no" (legacy-cli.md §8),
 * 1 for an answer the client cannot read.
 */
public class CliException extends Exception {
    private static final long serialVersionUID = 1L;

    public static final int SERVER_REFUSED = 255;
    public static final int UNREADABLE_ANSWER = 1;

    private final int exitCode;

    public CliException(String message) {
        this(message, SERVER_REFUSED);
    }

    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
        this.exitCode = SERVER_REFUSED;
    }

    public int exitCode() {
        return exitCode;
    }
}
