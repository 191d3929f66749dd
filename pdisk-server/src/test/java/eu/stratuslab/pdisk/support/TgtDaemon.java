package eu.stratuslab.pdisk.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import eu.stratuslab.authn.support.DaemonUnderTest;

/**
 * A private tgtd for one test: iSCSI portal on 127.0.0.1:<free port>, its own management port
 * (socket {@code /var/run/tgtd/socket.<n>}) so it cannot collide with a system tgtd or another test.
 */
public final class TgtDaemon extends DaemonUnderTest {

    public final int portalPort;
    public final int controlPort;

    private TgtDaemon(int portalPort, int controlPort, Process process, Path log) {
        super(process, log);
        this.portalPort = portalPort;
        this.controlPort = controlPort;
    }

    /** Starts tgtd (skips or fails the test via {@link SystemTools} when it cannot run). */
    public static TgtDaemon start(Path logFile) throws Exception {
        SystemTools.require(SystemTools.runs("tgtd", "-V") && SystemTools.runs("sh", "-c", "command -v tgtadm"), "tgtd/tgtadm");
        int portal = freeLoopbackPort();
        int control = controlPortNotInUse();
        Process p = launch(logFile, List.of("tgtd", "-f", "-C", Integer.toString(control), "--iscsi",
                "portal=127.0.0.1:" + portal));
        TgtDaemon d = new TgtDaemon(portal, control, p, logFile);
        String problem = d.awaitReady("tgtd", Duration.ofSeconds(20), Duration.ofMillis(50), () -> SystemTools.runs(
                "tgtadm", "-C", Integer.toString(control), "--lld", "iscsi", "--mode", "target", "--op", "show"));
        if (problem != null) {
            d.close();
            SystemTools.require(false, problem);
        }
        return d;
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
        stopWithin(Duration.ofSeconds(3));
        Files.deleteIfExists(Path.of("/var/run/tgtd/socket." + controlPort));
        Files.deleteIfExists(Path.of("/var/run/tgtd/socket." + controlPort + ".lock"));
    }
}
