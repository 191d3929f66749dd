package eu.stratuslab.authn.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server program a test starts for itself (slapd, tgtd, a pdisk in a JVM of its own): its output
 * goes to a log file, never to a pipe nobody drains; it is polled until it answers, and its log
 * explains a start that failed.
 */
public abstract class DaemonUnderTest implements AutoCloseable {

    /** Whether the program answers yet. */
    @FunctionalInterface
    public interface Probe {
        boolean answers() throws IOException, InterruptedException;
    }

    private static final int TAIL_CHARS = 4000;

    protected final Process process;
    protected final Path log;

    protected DaemonUnderTest(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} with standard output and error written to {@code log}. */
    protected static Process launch(Path log, List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** A TCP port that is free on the loopback interface now. */
    public static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Polls {@code ready} every {@code poll} for at most {@code timeout}.
     *
     * @return null once the program answers; otherwise why it does not (it exited, or the time ran
     *         out), with the end of its log
     */
    protected final String awaitReady(String name, Duration timeout, Duration poll, Probe ready)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return name + " exited with " + process.exitValue() + ": " + logTail();
            }
            if (ready.answers()) {
                return null;
            }
            process.waitFor(poll.toMillis(), TimeUnit.MILLISECONDS);
        }
        return name + " did not answer within " + timeout.toMillis() + " ms: " + logTail();
    }

    /** The last few thousand characters of the log, for failure messages. */
    public final String logTail() {
        String text;
        try {
            text = Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
        return text.substring(Math.max(0, text.length() - TAIL_CHARS));
    }

    /** Kills the program unless it exits within {@code grace}, and waits for it to go. */
    protected final boolean stopWithin(Duration grace) throws InterruptedException {
        if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        return process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
    }
}
