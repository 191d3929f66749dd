package eu.stratuslab.pdisk.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import eu.stratuslab.infra.exec.CommandResult;
import eu.stratuslab.infra.exec.CommandRunner;

/**
 * Fake command runner for commands this machine cannot run (LVM without device-mapper, Ceph,
 * ssh to nodes): records every argv and answers from a script (default: exit 0, no output).
 */
public final class RecordingCommandRunner implements CommandRunner {

    private final List<List<String>> calls = new ArrayList<>();
    private volatile Function<List<String>, CommandResult> script = argv -> new CommandResult(argv, 0, "");

    public RecordingCommandRunner answering(Function<List<String>, CommandResult> newScript) {
        this.script = newScript;
        return this;
    }

    @Override
    public synchronized CommandResult run(List<String> argv, Duration timeout) {
        calls.add(List.copyOf(argv));
        return script.apply(argv);
    }

    public synchronized List<List<String>> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<String> commandLines() {
        return calls.stream().map(a -> String.join(" ", a)).toList();
    }

    public synchronized void clear() {
        calls.clear();
    }

    public static CommandResult ok(List<String> argv, String output) {
        return new CommandResult(argv, 0, output);
    }

    public static CommandResult fail(List<String> argv, int code, String output) {
        return new CommandResult(argv, code, output);
    }
}
