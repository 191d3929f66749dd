package eu.stratuslab.pdisk.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import eu.stratuslab.pdisk.PdiskConfig;
import eu.stratuslab.pdisk.PdiskServices;
import eu.stratuslab.pdisk.backend.FileBackend;
import eu.stratuslab.pdisk.config.BackendSettings;
import eu.stratuslab.infra.exec.ProcessCommandRunner;
import eu.stratuslab.pdisk.model.Disk;
import eu.stratuslab.pdisk.service.Caller;
import eu.stratuslab.pdisk.service.DiskService;

/**
 * Measures, on the file backend with the real qemu-img:
 * <ol>
 * <li>snapshot time of a 1 GiB and a 10 GiB origin (qcow2 overlay: should be flat, target 200 ms);</li>
 * <li>create + delete throughput of 1 GiB disks through the service (database + backend).</li>
 * </ol>
 * Prints a Markdown table. Arguments: [work directory] [snapshots per size] [create/delete pairs].
 * Not a unit test: nothing is asserted.
 */
public final class SnapshotBenchmark {

    private SnapshotBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("pdisk-bench");
        int snapshots = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int pairs = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        try {
            FileBackend backend = new FileBackend(work.resolve("raw"), new ProcessCommandRunner(), "qemu-img");
            List<String> rows = new ArrayList<>();
            for (long size : new long[] {1, 10}) {
                rows.add(snapshotRow(backend, size, snapshots));
            }
            rows.add(createDeleteRow(work, pairs));
            System.out.println("| measurement | n | min ms | median ms | p95 ms | max ms | throughput |");
            System.out.println("|---|---|---|---|---|---|---|");
            rows.forEach(System.out::println);
        } finally {
            deleteTree(work);
        }
    }

    private static String snapshotRow(FileBackend backend, long sizeGiB, int n) throws IOException {
        String origin = UUID.randomUUID().toString();
        backend.create(origin, sizeGiB);
        // some real data in the origin so qemu-img has a non-trivial backing file to open
        try (OutputStream out = backend.openForWrite(origin)) {
            out.write(new byte[16 << 20]);
        }
        backend.snapshot(origin, UUID.randomUUID().toString(), sizeGiB); // warm-up
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String live = UUID.randomUUID().toString();
            long t0 = System.nanoTime();
            backend.snapshot(origin, live, sizeGiB);
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        return row("snapshot of a " + sizeGiB + " GiB origin (qcow2 overlay)", ms, "");
    }

    private static String createDeleteRow(Path work, int pairs) {
        PdiskConfig cfg = PdiskConfig.defaults(work.resolve("service"))
                .withBackend(BackendSettings.file(work.resolve("service").resolve("volumes")));
        try (PdiskServices services = new PdiskServices(cfg, new ProcessCommandRunner(), new ProcessCommandRunner())) {
            DiskService disks = services.disks();
            Caller caller = Caller.of("bench", "pdisk");
            List<Double> ms = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < pairs; i++) {
                long t0 = System.nanoTime();
                Disk d = disks.create(caller, Map.of("size", "1", "tag", "bench " + i));
                disks.delete(caller, d.uuid());
                ms.add((System.nanoTime() - t0) / 1e6);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return row("create + delete of a 1 GiB disk (service, H2)", ms,
                    String.format("%.1f pairs/s", pairs / seconds));
        }
    }

    private static String row(String name, List<Double> samples, String throughput) {
        List<Double> s = new ArrayList<>(samples);
        Collections.sort(s);
        return String.format("| %s | %d | %.1f | %.1f | %.1f | %.1f | %s |", name, s.size(), s.get(0),
                s.get(s.size() / 2), s.get((int) Math.ceil(s.size() * 0.95) - 1), s.get(s.size() - 1), throughput);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

}
