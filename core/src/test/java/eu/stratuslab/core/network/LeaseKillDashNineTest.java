package eu.stratuslab.core.network;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNotEquals;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.infra.db.DbSettings;
import eu.stratuslab.core.testsupport.Await;
import eu.stratuslab.core.vm.MutableClock;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmFixture;
import eu.stratuslab.core.vm.VmState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Issue 13 item 4 with a real {@code kill -9}: a separate JVM allocates and finalizes VMs with a
 * NIC as fast as it can and is killed mid-way, twice. After each kill, the reopened core has no
 * lease of a missing or DONE VM, and every VM that is not DONE holds exactly its own lease.
 */
public class LeaseKillDashNineTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Process child;
    private Path log;

    /** The separate process: {@code <db dir> <var dir>}; prints {@code ACK <id>} after each allocate. */
    public static final class AllocatingProcess {
        public static void main(String[] args) throws Exception {
            DbSettings db = DbSettings.h2File(Path.of(args[0]), "leases");
            try (Core core = Core.open(VmFixture.settings(db, Path.of(args[1]), new MutableClock(1_402_567_800L)))) {
                Caller alice = new Caller(core.users().byName("alice").id(), 1, "alice");
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

    @After
    public void kill() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    private long acks() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("ACK ")).count();
        } catch (IOException e) {
            return 0;
        }
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
    public void noLeaseLeaksAcrossKillDashNine() throws Exception {
        Path dbDir = tmp.newFolder("db").toPath();
        Path varDir = tmp.newFolder("var").toPath();
        DbSettings db = DbSettings.h2File(dbDir, "leases");
        try (Core core = Core.open(VmFixture.settings(db, varDir, new MutableClock(1_402_567_800L)))) {
            VmFixture.install(core);
            VmFixture.user(core, "alice");
        }
        for (int round = 0; round < 2; round++) {
            log = tmp.getRoot().toPath().resolve("child-" + round + ".log");
            child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Xmx256m", AllocatingProcess.class.getName(),
                    dbDir.toString(), varDir.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long target = 30;
            Await.await("the child to acknowledge " + target + " allocates", Duration.ofMinutes(2), () -> {
                if (!child.isAlive()) {
                    throw new AssertionError("the child exited:\n" + tail());
                }
                return acks() >= target;
            }, this::tail);
            child.destroyForcibly().waitFor();
            child = null;
            try (Core core = Core.open(VmFixture.settings(db, varDir, new MutableClock(1_402_567_800L)))) {
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
