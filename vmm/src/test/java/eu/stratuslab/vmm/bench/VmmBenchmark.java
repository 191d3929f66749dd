package eu.stratuslab.vmm.bench;

import eu.stratuslab.vmm.DomainStatus.State;
import eu.stratuslab.vmm.DriverException;
import eu.stratuslab.vmm.domain.DomainSpec;
import eu.stratuslab.vmm.guest.TinyGuest;
import eu.stratuslab.vmm.libvirt.DriverTimeouts;
import eu.stratuslab.vmm.libvirt.LibvirtDriver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Latency of the driver layer (not a test; see docs/vmm.md "Benchmarks"):
 * deploy → RUNNING on {@code test:///default}, and deploy → serial marker of a real TCG guest on
 * {@code qemu:///system}. Arguments: {@code [testIterations] [qemuIterations]} (defaults 200 and 5;
 * 0 skips a part).
 */
public final class VmmBenchmark {
    private static final long QEMU_DEADLINE_NS = TimeUnit.SECONDS.toNanos(180);

    private VmmBenchmark() {}

    public static void main(String[] args) throws Exception {
        int testIterations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int qemuIterations = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path work = Files.createTempDirectory("vmm-bench");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        System.out.println("| Measurement | n | min ms | median ms | p95 ms | max ms |");
        System.out.println("|---|---|---|---|---|---|");
        if (testIterations > 0) {
            List<Double> deploy = new ArrayList<>();
            List<Double> destroy = new ArrayList<>();
            try (LibvirtDriver d = new LibvirtDriver("bench", "test:///default", DriverTimeouts.DEFAULT, work)) {
                for (int i = 0; i < testIterations; i++) {
                    String name = "one-" + (800_000 + i);
                    DomainSpec spec = new DomainSpec(name, null, 1, 65536, "test", null, List.of(), List.of(),
                            null, null, false);
                    long t0 = System.nanoTime();
                    String id = d.deploy(spec);
                    while (d.status(id).state() != State.RUNNING) {
                        Thread.onSpinWait();
                    }
                    long t1 = System.nanoTime();
                    d.destroy(id);
                    long t2 = System.nanoTime();
                    deploy.add((t1 - t0) / 1e6);
                    destroy.add((t2 - t1) / 1e6);
                }
            }
            row("test:///default deploy → RUNNING", deploy);
            row("test:///default destroy (power-off + undefine)", destroy);
        }
        if (qemuIterations > 0) {
            TinyGuest guest = TinyGuest.prepare(TinyGuest.defaultCacheDir());
            List<Double> boot = new ArrayList<>();
            List<Double> deployCall = new ArrayList<>();
            try (LibvirtDriver d = new LibvirtDriver("localhost", "qemu:///system",
                    new DriverTimeouts(Duration.ofSeconds(60), Duration.ofMinutes(3)), work)) {
                for (int i = 0; i < qemuIterations; i++) {
                    String marker = UUID.randomUUID().toString();
                    Path serial = work.resolve("serial-" + i + ".log");
                    String name = "one-" + (810_000 + i);
                    long t0 = System.nanoTime();
                    String id = d.deploy(guest.domain(name, marker, false, serial));
                    long t1 = System.nanoTime();
                    try {
                        awaitLine(serial, TinyGuest.readyLine(marker));
                        long t2 = System.nanoTime();
                        deployCall.add((t1 - t0) / 1e6);
                        boot.add((t2 - t0) / 1e6);
                    } finally {
                        d.destroy(id);
                    }
                }
            }
            row("qemu:///system deploy() call (define + start, TCG)", deployCall);
            row("qemu:///system deploy → serial marker (TCG guest)", boot);
        }
    }

    private static void awaitLine(Path log, String line) throws IOException, InterruptedException, DriverException {
        long deadline = System.nanoTime() + QEMU_DEADLINE_NS;
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(line)) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new DriverException("guest did not print its marker within 180 s");
    }

    private static void row(String what, List<Double> samples) {
        List<Double> s = new ArrayList<>(samples);
        Collections.sort(s);
        System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f |%n", what, s.size(), s.get(0),
                s.get(s.size() / 2), s.get((int) Math.min(s.size() - 1, Math.ceil(s.size() * 0.95) - 1)),
                s.get(s.size() - 1));
    }
}
