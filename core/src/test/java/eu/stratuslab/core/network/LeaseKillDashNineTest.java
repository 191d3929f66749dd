package eu.stratuslab.core.network;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNotEquals;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.testsupport.ChildJvm;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmFixture;
import eu.stratuslab.core.vm.VmState;
import java.util.HashMap;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;

/**
 * Issue 13 item 4 with a real {@code kill -9}: a separate JVM allocates and finalizes VMs with a
 * NIC as fast as it can and is killed mid-way, twice. After each kill, the reopened core has no
 * lease of a missing or DONE VM, and every VM that is not DONE holds exactly its own lease.
 */
public class LeaseKillDashNineTest {
    @Rule
    public ChildJvm child = new ChildJvm();

    /** The separate process: {@code <db dir> <var dir>}; prints {@code ACK <id>} after each allocate. */
    public static final class AllocatingProcess {
        public static void main(String[] args) throws Exception {
            try (Core core = VmFixture.FileCore.ofArgs("leases", args).open()) {
                Caller alice = VmFixture.existingUser(core, "alice");
                for (int i = 0; ; i++) {
                    VirtualMachine vm = core.vms().allocate(alice,
                            "CPU = 0.1\nMEMORY = 16\nNIC = [ NETWORK = public, NETWORK_UNAME = oneadmin ]\n");
                    System.out.println("ACK " + vm.id());
                    if (i % 2 == 0) {
                        core.lifecycle().action("finalize", vm.id()); // DONE: its lease is released
                    }
                }
            }
        }
    }

    private long acks() {
        return child.lines().stream().filter(l -> l.startsWith("ACK ")).count();
    }

    @Test
    public void noLeaseLeaksAcrossKillDashNine() throws Exception {
        VmFixture.FileCore files = VmFixture.FileCore.installed(child, "leases", core -> { });
        for (int round = 0; round < 2; round++) {
            child.killOnceReady("child-" + round + ".log", "the child to acknowledge 30 allocates", () -> acks() >= 30,
                    AllocatingProcess.class, files.args());
            try (Core core = files.open()) {
                assertConsistent(core);
            }
        }
    }

    private static void assertConsistent(Core core) throws Exception {
        VirtualNetwork pub = core.networks().byName("public", 0);
        Map<Integer, Long> leaseOf = new HashMap<>();
        synchronized (pub) {
            for (Lease l : pub.leases()) {
                if (l.used() && l.vid() >= 0) {
                    VirtualMachine vm = core.vms().find(l.vid());
                    assertNotNull("lease " + Ipv4.format(l.ip()) + " of a VM that does not exist: " + l.vid(), vm);
                    assertNotEquals("lease " + Ipv4.format(l.ip()) + " of DONE VM " + l.vid(), VmState.DONE, vm.state());
                    assertEquals("two leases for VM " + l.vid(), null, leaseOf.put(l.vid(), l.ip()));
                }
            }
        }
        for (VirtualMachine vm : core.vms().all()) {
            if (vm.state() != VmState.DONE) {
                String ip = vm.template().firstVector("NIC").get("IP");
                assertEquals("the lease of VM " + vm.id(), Long.valueOf(Ipv4.parse(ip)), leaseOf.get(vm.id()));
            }
        }
    }
}
