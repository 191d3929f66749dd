package eu.stratuslab.core.db;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.vm.MutableClock;
import eu.stratuslab.core.vm.VmFixture;
import eu.stratuslab.core.vm.VmState;
import eu.stratuslab.infra.db.DbSettings;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Storage under churn (issue 13 item 8): N VMs allocated, deployed on the dummy host and shut down
 * to DONE, one after another, on the embedded H2 file database; prints the database file's size
 * per DONE VM. Arguments: the number of VMs (5000) and, optionally, a pace in VMs per second
 * (without it, as fast as the core goes); the command is in docs/benchmarks.md.
 */
public final class StorageChurnBenchmark {
    private StorageChurnBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        double perSecond = args.length > 1 ? Double.parseDouble(args[1]) : 0;
        long intervalNanos = perSecond > 0 ? (long) (1e9 / perSecond) : 0;
        long largest = 0;
        Path dir = Files.createTempDirectory("churn");
        MutableClock clock = new MutableClock(1_700_000_000L);
        Path file = dir.resolve("one.mv.db");
        long start = System.nanoTime();
        try (Core core = Core.open(VmFixture.settings(DbSettings.h2File(dir, "one"), dir, clock))) {
            VmFixture.install(core);
            long base = Files.size(file);
            for (int i = 0; i < n; i++) {
                if (intervalNanos > 0) {
                    // pacing: VM i starts at its slot of the schedule, whatever the previous ones took
                    long wait = start + i * intervalNanos - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                }
                int id = core.vms().allocate(Caller.ONEADMIN, VmFixture.LEGACY_DEFAULT).id();
                core.lifecycle().deploy(id, 0);
                core.lifecycle().action("shutdown", id);
                if (core.vms().get(id).state() != VmState.DONE) {
                    throw new IllegalStateException("VM " + id + " is " + core.vms().get(id).state());
                }
                largest = Math.max(largest, Files.size(file));
                if ((i + 1) % 1000 == 0) {
                    System.out.printf("%6d DONE VMs: file %,d bytes, %,d bytes per VM%n", i + 1, Files.size(file),
                            (Files.size(file) - base) / (i + 1));
                }
            }
            System.out.printf("open: %d VMs, %,d bytes per DONE VM, largest file %,d bytes, %.1f s%n", n,
                    (Files.size(file) - base) / n, largest, (System.nanoTime() - start) / 1e9);
        }
        System.out.printf("after close: %,d bytes per DONE VM%n", Files.size(file) / n);
    }
}
