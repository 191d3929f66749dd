package eu.stratuslab.core.lifecycle;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.stratuslab.infra.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.h2.api.Trigger;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/**
 * A host's allocation counters and the VM state that causes them are written in one transaction:
 * while either row is being written, another connection still sees the other one as it was before
 * the transition. (Two separate commits would leave a window where a {@code kill -9} keeps a host
 * charged for a VM that is not on it, or the reverse.) H2 triggers look from a second connection
 * at the moment of each write.
 */
public class HostChargeAtomicityTest {
    /** What another connection saw, in write order: "vm write: host runningVms=0" ... */
    static final List<String> SEEN = new CopyOnWriteArrayList<>();
    static volatile Database db;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Rule
    public final LifecycleFixture fx = LifecycleFixture.perTest();

    @Before
    public void open() throws Exception {
        db = fx.core.db();
        SEEN.clear();
    }

    @After
    public void close() throws Exception {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER IF EXISTS watch_vm");
            st.execute("DROP TRIGGER IF EXISTS watch_host");
        }
        db = null;
    }

    private void watch() throws SQLException {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute("CREATE TRIGGER watch_vm BEFORE UPDATE ON vm_pool FOR EACH ROW CALL '"
                    + VmWriteWatch.class.getName() + "'");
            st.execute("CREATE TRIGGER watch_host BEFORE UPDATE ON host_pool FOR EACH ROW CALL '"
                    + HostWriteWatch.class.getName() + "'");
        }
    }

    @Test
    public void deployAndDoneChangeHostAndVmTogether() throws Exception {
        int id = fx.allocate();
        watch();
        fx.lc.deploy(id, LifecycleFixture.MANUAL_HOST);
        assertEquals("deploy: each write saw the other row as before (VM PENDING = 1, host without VM)",
                List.of("vm write: host 1 runs 0", "host write: vm " + id + " state 1"), SEEN);

        fx.lc.prologDone(id);
        fx.lc.booted(id, "one-" + id);
        SEEN.clear();
        fx.lc.action("finalize", id); // ACTIVE/CLEANUP: still on the host, no host write
        fx.lc.cleanupDone(id);
        assertEquals("DONE: the release is in the same transaction (VM still ACTIVE = 3, host still charged)",
                List.of("vm write: host 1 runs 1", "vm write: host 1 runs 1", "host write: vm " + id + " state 3"),
                SEEN);
        assertEquals(0, fx.core.hosts().get(LifecycleFixture.MANUAL_HOST).share().runningVms());
    }

    /** Runs for each vm_pool row update: records the committed RUNNING_VMS of the manual host. */
    public static final class VmWriteWatch implements Trigger {
        @Override
        public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
            try (Connection other = db.connection();
                 PreparedStatement ps = other.prepareStatement("SELECT body FROM host_pool WHERE oid = ?")) {
                ps.setInt(1, LifecycleFixture.MANUAL_HOST);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    JsonNode share = JSON.readTree(rs.getString(1)).get("share");
                    SEEN.add("vm write: host " + LifecycleFixture.MANUAL_HOST + " runs " + share.get(share.size() - 1).asLong());
                } catch (java.io.IOException e) {
                    throw new SQLException(e);
                }
            }
        }
    }

    /** Runs for each host_pool row update: records the committed STATE of every VM. */
    public static final class HostWriteWatch implements Trigger {
        @Override
        public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
            try (Connection other = db.connection();
                 PreparedStatement ps = other.prepareStatement("SELECT oid, state FROM vm_pool ORDER BY oid");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SEEN.add("host write: vm " + rs.getInt(1) + " state " + rs.getInt(2));
                }
            }
        }
    }
}
