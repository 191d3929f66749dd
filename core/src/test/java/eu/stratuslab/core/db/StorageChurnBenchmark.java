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
 * per DONE VM. Run: {@code mvn -B -q -pl core -am test-compile exec:java
 * -Dexec.mainClass=eu.stratuslab.core.db.StorageChurnBenchmark -Dexec.classpathScope=test -Dexec.args=5000}
 */
public final class StorageChurnBenchmark {
    private StorageChurnBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        Path dir = Files.createTempDirectory("churn");
        MutableClock clock = new MutableClock(1_700_000_000L);
        Path file = dir.resolve("one.mv.db");
        long start = System.nanoTime();
        try (Core core = Core.open(VmFixture.settings(DbSettings.h2File(dir, "one"), dir, clock))) {
            VmFixture.install(core);
            long base = Files.size(file);
            for (int i = 0; i < n; i++) {
                int id = core.vms().allocate(Caller.ONEADMIN, VmFixture.LEGACY_DEFAULT).id();
                core.lifecycle().deploy(id, 0);
                core.lifecycle().action("shutdown", id);
                if (core.vms().get(id).state() != VmState.DONE) {
                    throw new IllegalStateException("VM " + id + " is " + core.vms().get(id).state());
                }
                if ((i + 1) % 1000 == 0) {
                    System.out.printf("%6d DONE VMs: file %,d bytes, %,d bytes per VM%n", i + 1, Files.size(file),
                            (Files.size(file) - base) / (i + 1));
                }
            }
            System.out.printf("open: %d VMs, %,d bytes per DONE VM, %.1f s%n", n, (Files.size(file) - base) / n,
                    (System.nanoTime() - start) / 1e9);
        }
        System.out.printf("after close: %,d bytes per DONE VM%n", Files.size(file) / n);
    }
}
