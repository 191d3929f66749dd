package eu.stratuslab.core.vm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.testsupport.ChildJvm;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.Rule;
import org.junit.Test;

/**
 * Group commit and {@code kill -9} (issue 14 item 6): a separate JVM allocates from 16 threads at
 * once, so that their writes share commits, and prints {@code ACK <id> <name>} for each allocate
 * that returned; it is killed mid-way, twice. After each kill, the reopened core has every
 * acknowledged VM, with its name and its lease.
 */
public class AllocateKillDashNineTest {
    private static final int THREADS = 16;

    @Rule
    public ChildJvm child = new ChildJvm();

    /** The separate process: {@code <db dir> <var dir> <round>}. */
    public static final class AllocatingProcess {
        public static void main(String[] args) throws Exception {
            Core core = VmFixture.FileCore.ofArgs("allocate", args).open();
            Caller alice = VmFixture.existingUser(core, "alice");
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

    private Map<Integer, String> acks() {
        Map<Integer, String> out = new HashMap<>();
        for (String line : child.lines()) {
            String[] f = line.split(" ");
            if (f.length == 3 && f[0].equals("ACK")) {
                out.put(Integer.parseInt(f[1]), f[2]);
            }
        }
        return out;
    }

    @Test
    public void noAcknowledgedVmIsLostToKillDashNine() throws Exception {
        VmFixture.FileCore files = VmFixture.FileCore.installed(child, "allocate", VmFixture::installBig);
        Map<Integer, String> acknowledged = new HashMap<>();
        for (int round = 0; round < 2; round++) {
            child.killOnceReady("child-" + round + ".log", "the child to acknowledge 400 allocates",
                    () -> acks().size() >= 400, AllocatingProcess.class, files.args(Integer.toString(round)));
            acknowledged.putAll(acks());
            try (Core core = files.open()) {
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
