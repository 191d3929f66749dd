package eu.stratuslab.infra.exec;

/**
 * A backend or node command failed. The message has the exact layout of pdisk-api.md §5.14,
 * which clients display verbatim.
 */
public class CommandFailedException extends RuntimeException {

    private final transient CommandResult result;

    public CommandFailedException(CommandResult result, String errorMsg) {
        super("An error occurred while executing command: " + result.commandLine() + " .\n"
                + result.output().strip() + "\n" + errorMsg + ".\nReturn code was: " + result.exitCode());
        this.result = result;
    }

    public CommandResult result() {
        return result;
    }
}
