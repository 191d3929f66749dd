package eu.stratuslab.pdisk.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import eu.stratuslab.authn.support.DaemonUnderTest;
import eu.stratuslab.pdisk.PdiskConfig;
import eu.stratuslab.pdisk.PdiskServer;

/**
 * A pdisk server in a process of its own (for kill -9 tests): embedded H2 and file backend under
 * {@code args[0]}, HTTP on 127.0.0.1:{@code args[1]}, mounts recorded without hot-plug. Prints
 * {@code READY} once it serves, then runs until killed. {@link #start} runs it in a new JVM.
 */
public final class PdiskProcess extends DaemonUnderTest {

    private static final Duration START = Duration.ofSeconds(120);

    private PdiskProcess(Process process, Path log) {
        super(process, log);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        PdiskConfig cfg = PdiskFixture.localConfig(dir).withHttpPort(Integer.parseInt(args[1])).withNodeHotplug(false);
        PdiskServer server = PdiskFixture.testServer(cfg, new RecordingCommandRunner());
        server.start();
        System.out.println("READY " + server.endpoint());
        System.out.flush();
        Thread.currentThread().join();
    }

    /** Starts a pdisk JVM on {@code dir} (its log goes there too) and waits until it serves. */
    public static PdiskProcess start(Path dir, int port) throws Exception {
        Path log = dir.resolve("pdisk-" + System.nanoTime() + ".log");
        PdiskProcess pdisk = new PdiskProcess(launch(log, List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "-Xmx256m", PdiskProcess.class.getName(), dir.toString(),
                Integer.toString(port))), log);
        String problem = pdisk.awaitReady("the pdisk process", START, Duration.ofMillis(25), () -> printedReady(log));
        if (problem != null) {
            pdisk.kill();
            throw new AssertionError(problem);
        }
        return pdisk;
    }

    private static boolean printedReady(Path log) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream().anyMatch(l -> l.startsWith("READY"));
        } catch (IOException e) {
            return false;
        }
    }

    /** kill -9; true once the process is gone (within 30 s). */
    public boolean kill() throws InterruptedException {
        return process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
