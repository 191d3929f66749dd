package eu.stratuslab.infra.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs commands as local processes, merging stderr into stdout, killing them at the deadline. */
public final class ProcessCommandRunner implements CommandRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessCommandRunner.class);

    @Override
    public CommandResult run(List<String> argv, Duration timeout) {
        LOG.debug("exec: {}", argv);
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            return new CommandResult(argv, 127, e.getMessage());
        }
        OutputCollector collector = new OutputCollector(process.getInputStream());
        collector.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new CommandTimeoutException(argv, timeout);
            }
            collector.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CommandTimeoutException(argv, timeout);
        }
        CommandResult result = new CommandResult(argv, process.exitValue(), collector.text());
        if (!result.succeeded()) {
            LOG.warn("command failed ({}): {}: {}", result.exitCode(), result.commandLine(), result.output().strip());
        }
        return result;
    }

    /** Drains the process output on its own thread so a chatty command cannot block on a full pipe. */
    private static final class OutputCollector extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        OutputCollector(InputStream in) {
            super("exec-output");
            setDaemon(true);
            this.in = in;
        }

        @Override
        public void run() {
            try (in) {
                in.transferTo(buffer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        synchronized String text() {
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }
}
