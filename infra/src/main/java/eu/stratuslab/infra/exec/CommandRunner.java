package eu.stratuslab.infra.exec;

import java.time.Duration;
import java.util.List;

/**
 * Runs an external command. Backends talk to the system only through this seam so that
 * every call has a timeout and tests can record the exact argv sequences (LVM, Ceph).
 */
public interface CommandRunner {

    /** Default limit for one backend command; generous because dd/convert may copy gigabytes. */
    Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    /**
     * Runs {@code argv}; never throws for a non-zero exit (callers decide), but throws
     * {@link CommandTimeoutException} when the command had to be killed.
     */
    CommandResult run(List<String> argv, Duration timeout);

    default CommandResult run(List<String> argv) {
        return run(argv, DEFAULT_TIMEOUT);
    }

    /** Like {@link #run(List)} but a non-zero exit becomes a {@link CommandFailedException}. */
    default CommandResult runChecked(List<String> argv, String errorMsg) {
        CommandResult r = run(argv);
        if (!r.succeeded()) {
            throw new CommandFailedException(r, errorMsg);
        }
        return r;
    }
}
