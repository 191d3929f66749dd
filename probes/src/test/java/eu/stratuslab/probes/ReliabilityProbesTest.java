package eu.stratuslab.probes;

import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

/**
 * The reliability probes (docs/reliability.md) against one real cloud process. Runs when
 * {@code STRATUSLAB_FULL_TESTS=1} (as {@code .ci/run} sets it) or {@code -Dprobes=true}; the short
 * form by default, the long form with {@code -Dprobes.long=true}. Ordered: the fuzzer and the
 * matrix first, the kill loop (which kills the process) and the brute-force check last.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ReliabilityProbesTest {
    private static final boolean LONG = Boolean.getBoolean("probes.long");
    private static final long SEED = Long.getLong("probes.seed", 20261204L);
    private static CloudProcess cloud;

    @BeforeClass
    public static void startCloud() throws Exception {
        boolean enabled = "1".equals(System.getenv("STRATUSLAB_FULL_TESTS")) || Boolean.getBoolean("probes") || LONG;
        Assume.assumeTrue("reliability probes run under STRATUSLAB_FULL_TESTS=1 or -Dprobes=true", enabled);
        Path report = Path.of(System.getProperty("probes.reportDir", "target/probes"));
        Files.createDirectories(report);
        Files.deleteIfExists(report.resolve("report.md"));
        Path home = Files.createTempDirectory("stratuslab-probes-");
        System.out.println("probes: " + (LONG ? "long" : "short") + " form, seed " + SEED + ", cloud home " + home);
        cloud = CloudProcess.start(home, CloudProcess.cloudClasspath(), "");
    }

    @AfterClass
    public static void stopCloud() throws Exception {
        if (cloud != null) {
            cloud.close();
            deleteTree(cloud.home());
        }
    }

    @Test
    public void p1_fuzzer() throws Exception {
        verdict("fuzz", () -> new FuzzProbe(cloud, SEED).run(LONG ? 40_000 : 5_000));
    }

    @Test
    public void p2_authorizationMatrix() throws Exception {
        verdict("authorization matrix", () -> new AuthorizationMatrixProbe(cloud).run());
    }

    @Test
    public void p3_races() throws Exception {
        verdict("races", () -> new RaceProbe(cloud, LONG ? 16 : 8).run());
    }

    @Test
    public void p4_soak() throws Exception {
        verdict("soak", () -> new SoakProbe(cloud, LONG ? 16 : 8, Duration.ofSeconds(LONG ? 180 : 60),
                Duration.ofSeconds(LONG ? 120 : 40), LONG).run(SEED));
    }

    @Test
    public void p5_killLoop() throws Exception {
        verdict("kill -9 loop", () -> new KillLoopProbe(cloud, LONG ? 8 : 4, LONG ? 5 : 2, Duration.ofSeconds(LONG ? 15 : 8)).run(SEED));
    }

    @Test
    public void p6_bruteForce() throws Exception {
        ProbeReport report = new ProbeReport("authentication");
        verdict("authentication", () -> {
            FuzzProbe.bruteForce(cloud, report);
            return report;
        });
    }

    interface Probe {
        ProbeReport run() throws Exception;
    }

    /** Runs a probe; its table goes to the report even when it aborts (the abort is a row and a failure). */
    private static void verdict(String name, Probe probe) throws Exception {
        ProbeReport report;
        try {
            report = probe.run();
        } catch (Exception | AssertionError e) {
            ProbeReport aborted = new ProbeReport(name);
            aborted.check("probe completed", e.toString(), false, "");
            aborted.publish();
            throw e;
        }
        report.publish();
        List<String> failures = report.failures();
        assertTrue(String.join("\n", failures), failures.isEmpty());
    }

    private static void deleteTree(Path root) throws Exception {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
