package eu.stratuslab.core.network;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import eu.stratuslab.core.Core;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.infra.db.DbSettings;
import eu.stratuslab.core.vm.MutableClock;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmFixture;
import eu.stratuslab.core.vm.VmState;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.slf4j.LoggerFactory;

/**
 * Issue 13 item 4: a database left by {@code kill -9} between a lease and its VM (a lease of a VM
 * that was never stored, a lease a DONE VM still holds) is put right when the core starts: those
 * leases are released and logged, the leases of live VMs and held addresses stay.
 */
public class LeaseReconciliationTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void leasesOfMissingAndDoneVmsAreReleasedAtStartUp() throws Exception {
        DbSettings db = DbSettings.h2File(tmp.newFolder("db").toPath(), "leases");
        MutableClock clock = new MutableClock(1_402_567_800L);
        int live;
        int done;
        int network;
        try (Core core = Core.open(VmFixture.settings(db, tmp.getRoot().toPath(), clock))) {
            VmFixture.install(core);
            Caller alice = VmFixture.user(core, "alice");
            String nic = "CPU = 1\nMEMORY = 64\nNIC = [ NETWORK = public, NETWORK_UNAME = oneadmin ]\n";
            live = core.vms().allocate(alice, nic).id();
            VirtualMachine finished = core.vms().allocate(alice, nic);
            done = finished.id();
            core.lifecycle().action("finalize", done);
            assertEquals(VmState.DONE, core.vms().get(done).state());
            network = core.networks().byName("public", 0).id();
            assertEquals(1, core.networks().byName("public", 0).usedLeases());
        }
        // what a kill -9 at the wrong moment leaves: the DONE VM's lease still USED, and a lease
        // of VM 4242 whose row was never written
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO network_leases (network_oid, ip, mac, used, vid) VALUES (?, ?, ?, 1, ?)")) {
            insert(ps, network, Ipv4.parse("10.10.0.2"), "02:00:0a:0a:00:02", done);
            insert(ps, network, Ipv4.parse("10.10.0.3"), "02:00:0a:0a:00:03", 4242);
        }
        Logger log = (Logger) LoggerFactory.getLogger(NetworkPool.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        try (Core core = Core.open(VmFixture.settings(db, tmp.getRoot().toPath(), clock))) {
            VirtualNetwork pub = core.networks().byName("public", 0);
            assertEquals("only the live VM keeps its lease", 1, pub.usedLeases());
            assertEquals(live, pub.lease(Ipv4.parse("10.10.0.1")).vid());
            List<String> messages = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertTrue(messages.toString(), messages.stream().anyMatch(
                    m -> m.contains("10.10.0.2") && m.contains("VM " + done) && m.contains("DONE")));
            assertTrue(messages.toString(), messages.stream().anyMatch(
                    m -> m.contains("10.10.0.3") && m.contains("VM 4242") && m.contains("does not exist")));
            // the released addresses are leasable again
            int uid = core.users().byName("alice").id();
            Caller alice = new Caller(uid, 1, "alice");
            VirtualMachine next = core.vms().allocate(alice,
                    "CPU = 1\nMEMORY = 64\nNIC = [ NETWORK = public, NETWORK_UNAME = oneadmin, IP = 10.10.0.3 ]\n");
            assertEquals("10.10.0.3", next.template().firstVector("NIC").get("IP"));
        } finally {
            log.detachAppender(lines);
        }
        // and the release was written: a third start finds nothing to do
        try (Core core = Core.open(VmFixture.settings(db, tmp.getRoot().toPath(), clock))) {
            assertEquals(2, core.networks().byName("public", 0).usedLeases());
        }
    }

    private static void insert(PreparedStatement ps, int network, long ip, String mac, int vid) throws Exception {
        ps.setInt(1, network);
        ps.setLong(2, ip);
        ps.setString(3, mac);
        ps.setInt(4, vid);
        ps.executeUpdate();
    }
}
