package eu.stratuslab.scheduler;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.vm.MutableClock;
import eu.stratuslab.core.vm.VmFixture;
import eu.stratuslab.vmm.HostProbe;
import java.nio.file.Files;
import java.util.Arrays;

/**
 * Benchmark (not a test): what the pass that follows an allocate costs when N PENDING VMs wait on a
 * full host (issue 14 item 9), against a pass over the backlog (MAX_VM = 300 VMs looked at, what
 * every event started before). Both in one run, per backlog size; in-memory core, no HTTP. Run:
 * <pre>
 * mvn -q -o -pl scheduler -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -DincludeScope=test
 * java -cp scheduler/target/test-classes:scheduler/target/classes:$(cat /tmp/cp.txt) eu.stratuslab.scheduler.BacklogPassBenchmark
 * </pre>
 */
public final class BacklogPassBenchmark {
    private static final String VM = "CPU = 1\nMEMORY = 512";
    private static final int RUNS = 1_000;

    public static void main(String[] args) throws Exception {
        measure(1_000, false); // warm-up: the JIT compiles the passes
        System.out.println("| PENDING VMs before the runs | pass | VMs looked at | p50 µs | p99 µs |");
        System.out.println("|---|---|---|---|---|");
        for (int backlog : new int[] {0, 1_000, 5_000}) {
            measure(backlog, true);
        }
    }

    /** {@link #RUNS} allocates, each followed by its pass and then by a backlog pass; each run adds a PENDING VM. */
    private static void measure(int backlog, boolean print) throws Exception {
        try (Core core = Core.open(VmFixture.memorySettings(Files.createTempDirectory("backlog-bench"),
                new MutableClock(1_700_000_000L)).withAllowNoNic(true))) {
            int host = core.hosts().allocate("node0", "im_dummy", "vmm_dummy", "dummy", "tm_dummy");
            core.hosts().monitored(host, new HostProbe(100, 16L << 20, 100, 16L << 20, 0, 0, "dummy", "x86_64", "cpu",
                    "2400", 0, 0, "node0")); // one CPU: one VM fills it
            Scheduler scheduler = new Scheduler(core.vms(), core.hosts(), core.lifecycle(), core.authorizer(),
                    SchedulerSettings.defaults());
            core.lifecycle().addHookListener(scheduler);
            for (int i = 0; i <= backlog; i++) {
                core.vms().allocate(Caller.ONEADMIN, VM);
            }
            do {
                scheduler.runPass(); // the first VM runs; the others are tried and wait
            } while (scheduler.lastPass().considered() > 0);

            long[] arrival = new long[RUNS];
            long[] full = new long[RUNS];
            int[] considered = new int[2];
            for (int r = 0; r < RUNS; r++) {
                core.vms().allocate(Caller.ONEADMIN, VM);
                long t0 = System.nanoTime();
                scheduler.runPass();
                arrival[r] = System.nanoTime() - t0;
                considered[0] = scheduler.lastPass().considered();
                scheduler.requestPass();
                t0 = System.nanoTime();
                scheduler.runPass();
                full[r] = System.nanoTime() - t0;
                considered[1] = scheduler.lastPass().considered();
            }
            if (print) {
                row(backlog, "after an allocate: the new VM alone", considered[0], arrival);
                row(backlog, "over the backlog (MAX_VM 300), as after every event before", considered[1], full);
            }
        }
    }

    private static void row(int backlog, String pass, int considered, long[] nanos) {
        Arrays.sort(nanos);
        System.out.printf("| %d | %s | %d | %.0f | %.0f |%n", backlog, pass, considered, nanos[nanos.length / 2] / 1e3,
                nanos[nanos.length * 99 / 100] / 1e3);
    }
}
