package eu.stratuslab.core.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.rules.TemporaryFolder;

/**
 * A second JVM on the test's own class path, for {@code kill -9} tests, with a scratch folder for
 * what both JVMs open: the child prints to a log file there that the test reads, and the rule
 * kills it after the test whatever happened, before the folder goes.
 */
public final class ChildJvm extends TemporaryFolder {
    private Process process;
    private Path log;

    /** Starts {@code main(args)} in a new JVM (256 MB heap) whose output goes to {@code logName} in the folder. */
    public Process start(String logName, Class<?> main, String... args) throws IOException {
        log = getRoot().toPath().resolve(logName);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx256m", main.getName()));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return process;
    }

    /** What the child printed so far (nothing before it wrote its log). */
    public List<String> lines() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The end of the log, for failure messages. */
    public String tail() {
        try {
            String s = Files.readString(log);
            return s.substring(Math.max(0, s.length() - 4000));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Waits for {@code condition}; fails at once, with the log's tail, when the child exits first. */
    public void await(String what, Duration deadline, BooleanSupplier condition) {
        Await.await(what, deadline, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the child exited:\n" + tail());
            }
            return condition.getAsBoolean();
        }, this::tail);
    }

    /**
     * One round of a {@code kill -9} test: starts {@code main(args)}, waits (two minutes at most)
     * until {@code ready} holds, then kills the child.
     */
    public void killOnceReady(String logName, String what, BooleanSupplier ready, Class<?> main, String... args)
            throws IOException, InterruptedException {
        start(logName, main, args);
        await(what, Duration.ofMinutes(2), ready);
        kill();
    }

    /** {@code kill -9}, and waits until the child is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
        process = null;
    }

    @Override
    protected void after() {
        if (process != null) {
            process.destroyForcibly();
        }
        super.after();
    }
}
