package eu.stratuslab.infra.exec;

import java.time.Duration;
import java.util.List;

/** A command ran past its deadline and was killed (with its process tree). */
public class CommandTimeoutException extends RuntimeException {
    public CommandTimeoutException(List<String> argv, Duration timeout) {
        super("command timed out after " + timeout.toSeconds() + " s and was killed: " + String.join(" ", argv));
    }
}
