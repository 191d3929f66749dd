package eu.stratuslab.core.vm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.testsupport.Await;
import eu.stratuslab.infra.db.DbSettings;
import eu.stratuslab.template.TemplateParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Group commit and {@code kill -9} (issue 14 item 6): a separate JVM allocates from 16 threads at
 * once, so that their writes share commits, and prints {@code ACK <id> <name>} for each allocate
 * that returned; it is killed mid-way, twice. After each kill, the reopened core has every
 * acknowledged VM, with its name and its lease.
 */
public class AllocateKillDashNineTest {
    private static final int THREADS = 16;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Process child;
    private Path log;

    /** The separate process: {@code <db dir> <var dir> <round>}. */
    public static final class AllocatingProcess {
        public static void main(String[] args) throws Exception {
            DbSettings db = DbSettings.h2File(Path.of(args[0]), "allocate");
            Core core = Core.open(VmFixture.settings(db, Path.of(args[1]), new MutableClock(1_402_567_800L)));
            Caller alice = new Caller(core.users().byName("alice").id(), 1, "alice");
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            for (int t = 0; t < THREADS; t++) {
                String prefix = "r" + args[2] + "-t" + t + "-";
                threads.submit(() -> {
                    for (int i = 0; ; i++) {
                        String name = prefix + i;
                        // alternate owners: oneadmin has no quota, alice's CPU quota (20) is never reached
                        Caller who = i % 2 == 0 ? Caller.ONEADMIN : alice;
                        VirtualMachine vm = core.vms().allocate(who,
                                "NAME = " + name + "\nMEMORY = 16\nNIC = [ NETWORK = big, NETWORK_UNAME = oneadmin ]\n");
                        System.out.println("ACK " + vm.id() + " " + name);
                    }
                });
            }
            Thread.currentThread().join(); // until killed
        }
    }

    @After
    public void kill() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    private Map<Integer, String> acks() {
        Map<Integer, String> out = new HashMap<>();
        try {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                String[] f = line.split(" ");
                if (f.length == 3 && f[0].equals("ACK")) {
                    out.put(Integer.parseInt(f[1]), f[2]);
                }
            }
        } catch (IOException e) {
            // not written yet
        }
        return out;
    }

    private String tail() {
        try {
            String s = Files.readString(log);
            return s.substring(Math.max(0, s.length() - 4000));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Test
    public void noAcknowledgedVmIsLostToKillDashNine() throws Exception {
        Path dbDir = tmp.newFolder("db").toPath();
        Path varDir = tmp.newFolder("var").toPath();
        DbSettings db = DbSettings.h2File(dbDir, "allocate");
        try (Core core = Core.open(VmFixture.settings(db, varDir, new MutableClock(1_402_567_800L)))) {
            VmFixture.install(core);
            VmFixture.user(core, "alice");
            int big = core.networks().allocate(Caller.ONEADMIN, TemplateParser.parse(
                    "NAME = big\nTYPE = RANGED\nBRIDGE = br1\nNETWORK_ADDRESS = 10.20.0.0\nNETWORK_SIZE = B\n"));
            core.networks().chmod(big, new int[] {-1, -1, -1, -1, -1, -1, 1, -1, -1});
        }
        Map<Integer, String> acknowledged = new HashMap<>();
        for (int round = 0; round < 2; round++) {
            log = tmp.getRoot().toPath().resolve("child-" + round + ".log");
            child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Xmx256m", AllocatingProcess.class.getName(),
                    dbDir.toString(), varDir.toString(), Integer.toString(round))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int target = 400;
            Await.await("the child to acknowledge " + target + " allocates", Duration.ofMinutes(2), () -> {
                if (!child.isAlive()) {
                    throw new AssertionError("the child exited:\n" + tail());
                }
                return acks().size() >= target;
            }, this::tail);
            child.destroyForcibly().waitFor();
            child = null;
            acknowledged.putAll(acks());
            try (Core core = Core.open(VmFixture.settings(db, varDir, new MutableClock(1_402_567_800L)))) {
                for (Map.Entry<Integer, String> e : acknowledged.entrySet()) {
                    VirtualMachine vm = core.vms().find(e.getKey());
                    assertNotNull("acknowledged VM " + e.getKey() + " lost by kill -9 in round " + round, vm);
                    assertEquals(e.getValue(), vm.name());
                    assertNotNull("the lease of VM " + e.getKey(), vm.template().firstVector("NIC").get("IP"));
                }
                // every stored VM holds its own lease (none more, none less)
                assertEquals(core.vms().size(), core.networks().byName("big", 0).usedLeases());
            }
        }
    }
}
