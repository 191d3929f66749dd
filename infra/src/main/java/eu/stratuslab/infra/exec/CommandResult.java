package eu.stratuslab.infra.exec;

import java.util.List;

/** What a finished external command produced: exit code and merged stdout/stderr. */
public record CommandResult(List<String> argv, int exitCode, String output) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    public String commandLine() {
        return String.join(" ", argv);
    }
}
