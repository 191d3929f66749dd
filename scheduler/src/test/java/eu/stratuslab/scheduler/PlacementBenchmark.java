package eu.stratuslab.scheduler;

import eu.stratuslab.core.db.CoreSchema;
import eu.stratuslab.infra.db.Database;
import eu.stratuslab.infra.db.DbSettings;
import eu.stratuslab.core.host.HostPool;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.template.TemplateParser;
import eu.stratuslab.vmm.HostProbe;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Benchmark (not a test): one unlimited scheduling pass placing 10,000 PENDING VMs onto 1,000
 * monitored hosts, with the default striping rank and with a REQUIREMENTS expression. Run:
 * {@code mvn -q -pl core -am test-compile exec:java -Dexec.mainClass=eu.stratuslab.scheduler.PlacementBenchmark -Dexec.classpathScope=test}
 */
public final class PlacementBenchmark {
    public static void main(String[] args) throws Exception {
        int vmCount = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int hostCount = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        try (Database db = CoreSchema.open(DbSettings.h2Memory("placement-bench"))) {
            HostPool hosts = HostPool.load(db, Clock.systemUTC());
            for (int i = 0; i < hostCount; i++) {
                int id = hosts.allocate("node" + i, "im_dummy", "vmm_dummy", "dummy", "tm_dummy");
                hosts.monitored(id, new HostProbe(3200, 128L << 20, 3200, 128L << 20, 0, 0, "dummy", "x86_64", "cpu", "2400",
                        0, 0, "node" + i));
            }
            SchedulerSettings unlimited = new SchedulerSettings(SchedulerSettings.defaults().interval(), 0, 0, vmCount, 1, null);
            System.out.println("| VMs | hosts | template | placed | pass ms (best of 5) |");
            System.out.println("|---|---|---|---|---|");
            for (String template : List.of("CPU = 1\nMEMORY = 512",
                    "CPU = 1\nMEMORY = 512\nREQUIREMENTS = \"HOSTNAME = \\\"node1*\\\" | FREE_CPU > 100\"")) {
                List<VirtualMachine> pending = new ArrayList<>(vmCount);
                for (int i = 0; i < vmCount; i++) {
                    pending.add(new VirtualMachine(i, 2, 1, "alice", "users", TemplateParser.parse(template), 1L));
                }
                long[] runs = new long[5];
                int placed = 0;
                for (int r = 0; r < runs.length; r++) {
                    long t0 = System.nanoTime();
                    placed = new Placement(unlimited, (u, g, h) -> true).place(pending, hosts.all(), Map.of()).size();
                    runs[r] = System.nanoTime() - t0;
                }
                Arrays.sort(runs);
                System.out.printf("| %d | %d | %s | %d | %.0f |%n", vmCount, hostCount,
                        template.contains("REQUIREMENTS") ? "with REQUIREMENTS" : "CPU+MEMORY", placed, runs[0] / 1e6);
            }
        }
    }
}
