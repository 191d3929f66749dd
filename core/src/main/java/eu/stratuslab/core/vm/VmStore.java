package eu.stratuslab.core.vm;

import eu.stratuslab.infra.db.Database;
import eu.stratuslab.core.db.JsonBodies;
import eu.stratuslab.core.pool.TemplateJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The VM tables: one {@code vm_pool} row per VM plus one {@code vm_history} row per placement. */
final class VmStore {
    private final Database db;

    VmStore(Database db) {
        this.db = db;
    }

    Database db() {
        return db;
    }

    List<VirtualMachine> loadAll() throws SQLException {
        Map<Integer, List<HistoryRecord>> histories = new HashMap<>();
        List<VirtualMachine> out = new ArrayList<>();
        try (Connection c = db.connection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT vid, seq, body FROM vm_history ORDER BY vid, seq");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    histories.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>())
                            .add(JsonBodies.read(rs.getString(3), HistoryRecord.class));
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT oid, name, uid, gid, state, lcm_state, last_poll, body FROM vm_pool ORDER BY oid");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int oid = rs.getInt(1);
                    VmBody body = JsonBodies.read(rs.getString(8), VmBody.class);
                    out.add(VirtualMachine.restore(oid, rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                            rs.getInt(6), rs.getLong(7), body, TemplateJson.fromJson(body.template),
                            histories.getOrDefault(oid, List.of())));
                }
            }
        }
        return out;
    }

    /**
     * The write of a new VM, to run in some transaction. The row's body is rendered here, in the
     * caller's thread: a group commit's transaction only sends what is ready.
     */
    Database.TxWork<Void> insertion(VirtualMachine vm) {
        String body = JsonBodies.write(vm.body());
        List<HistoryRecord> history = List.copyOf(vm.historyForRendering());
        return c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO vm_pool (oid, name, uid, gid, state, lcm_state, last_poll, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setInt(1, vm.id());
                setColumns(ps, 2, vm, body);
                ps.executeUpdate();
            }
            for (HistoryRecord h : history) {
                upsertHistory(c, vm.id(), h);
            }
            return null;
        };
    }

    /** name, uid, gid, state, lcm_state, last_poll, body: the columns an insert and an update both set, from {@code first} on. */
    private static void setColumns(PreparedStatement ps, int first, VirtualMachine vm, String body) throws SQLException {
        ps.setString(first, vm.name());
        ps.setInt(first + 1, vm.uid());
        ps.setInt(first + 2, vm.gid());
        ps.setInt(first + 3, vm.state().code());
        ps.setInt(first + 4, vm.lcmState().code());
        ps.setLong(first + 5, vm.lastPoll());
        ps.setString(first + 6, body);
    }

    /** Writes {@code next} over {@code previous}: the VM row, and only the history rows that changed. */
    void update(Connection c, VirtualMachine previous, VirtualMachine next) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE vm_pool SET name = ?, uid = ?, gid = ?, state = ?, lcm_state = ?, last_poll = ?, body = ? WHERE oid = ?")) {
            setColumns(ps, 1, next, JsonBodies.write(next.body()));
            ps.setInt(8, next.id());
            if (ps.executeUpdate() != 1) {
                throw new SQLException("vm_pool row " + next.id() + " is missing");
            }
        }
        List<HistoryRecord> before = previous.historyForRendering();
        List<HistoryRecord> after = next.historyForRendering();
        for (int i = 0; i < after.size(); i++) {
            if (i >= before.size() || !before.get(i).equals(after.get(i))) {
                upsertHistory(c, next.id(), after.get(i));
            }
        }
        if (before.size() > after.size()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM vm_history WHERE vid = ? AND seq >= ?")) {
                ps.setInt(1, next.id());
                ps.setInt(2, after.size());
                ps.executeUpdate();
            }
        }
    }

    private static void upsertHistory(Connection c, int vid, HistoryRecord h) throws SQLException {
        String body = JsonBodies.write(h);
        try (PreparedStatement ps = c.prepareStatement("UPDATE vm_history SET body = ? WHERE vid = ? AND seq = ?")) {
            ps.setString(1, body);
            ps.setInt(2, vid);
            ps.setInt(3, h.seq());
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO vm_history (vid, seq, body) VALUES (?, ?, ?)")) {
            ps.setInt(1, vid);
            ps.setInt(2, h.seq());
            ps.setString(3, body);
            ps.executeUpdate();
        }
    }
}
