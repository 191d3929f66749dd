package eu.stratuslab.pdisk.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A private tgtd for one test: iSCSI portal on 127.0.0.1:<free port>, its own management port
 * (socket {@code /var/run/tgtd/socket.<n>}) so it cannot collide with a system tgtd or another test.
 */
public final class TgtDaemon implements AutoCloseable {

    public final int portalPort;
    public final int controlPort;
    private final Process process;

    private TgtDaemon(int portalPort, int controlPort, Process process) {
        this.portalPort = portalPort;
        this.controlPort = controlPort;
        this.process = process;
    }

    /** Starts tgtd (skips or fails the test via {@link SystemTools} when it cannot run). */
    public static TgtDaemon start(Path logFile) throws Exception {
        SystemTools.require(SystemTools.runs("tgtd", "-V") && SystemTools.runs("sh", "-c", "command -v tgtadm"), "tgtd/tgtadm");
        int portal = freePort();
        int control = controlPortNotInUse();
        Process p = new ProcessBuilder("tgtd", "-f", "-C", Integer.toString(control), "--iscsi",
                "portal=127.0.0.1:" + portal).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        TgtDaemon d = new TgtDaemon(portal, control, p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!SystemTools.runs("tgtadm", "-C", Integer.toString(control), "--lld", "iscsi", "--mode", "target", "--op", "show")) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                d.close();
                SystemTools.require(false, "tgtd (log: " + Files.readString(logFile) + ")");
            }
            TimeUnit.MILLISECONDS.sleep(50); // poll interval of a deadline-bounded wait for tgtd's socket
        }
        return d;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static int controlPortNotInUse() {
        for (int i = 0; i < 100; i++) {
            int n = ThreadLocalRandom.current().nextInt(20000, 32000);
            if (!Files.exists(Path.of("/var/run/tgtd/socket." + n))) {
                return n;
            }
        }
        throw new IllegalStateException("no free tgtd control port");
    }

    @Override
    public void close() throws Exception {
        new ProcessBuilder(List.of("tgtadm", "-C", Integer.toString(controlPort), "--op", "delete", "--mode", "system"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
        // tgtd refuses a system delete while targets exist and ignores SIGTERM: kill it then
        if (!process.waitFor(3, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(Path.of("/var/run/tgtd/socket." + controlPort));
        Files.deleteIfExists(Path.of("/var/run/tgtd/socket." + controlPort + ".lock"));
    }
}
