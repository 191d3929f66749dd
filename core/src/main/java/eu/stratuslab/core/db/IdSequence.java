package eu.stratuslab.core.db;

import eu.stratuslab.infra.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Object ids, as oned's pool_control table: ids keep counting up across restarts and are never
 * reused. The in-memory counter is the authority while the process runs (pools serialise
 * allocation); the row is written in the same transaction as the new object, so a crash can never
 * hand out an id twice.
 */
public final class IdSequence {
    private final String table;
    private int last;

    private IdSequence(String table, int last) {
        this.table = table;
        this.last = last;
    }

    /** Loads the counter; {@code firstId} is the first id handed out on an empty database. */
    public static IdSequence load(Database db, String table, int firstId) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT last_oid FROM pool_control WHERE tablename = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return new IdSequence(table, rs.getInt(1));
                }
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO pool_control (tablename, last_oid) VALUES (?, ?)")) {
                ins.setString(1, table);
                ins.setInt(2, firstId - 1);
                ins.executeUpdate();
            }
            return new IdSequence(table, firstId - 1);
        }
    }

    /** The id the next {@link #next} will return. */
    public synchronized int peek() {
        return last + 1;
    }

    /**
     * Takes the next id and records it through {@code c} (the caller's transaction). If that
     * transaction rolls back the caller must call {@link #rollback(int)}.
     */
    public synchronized int next(Connection c) throws SQLException {
        int id = last + 1;
        try (PreparedStatement ps = c.prepareStatement("UPDATE pool_control SET last_oid = ? WHERE tablename = ?")) {
            ps.setInt(1, id);
            ps.setString(2, table);
            ps.executeUpdate();
        }
        last = id;
        return id;
    }

    /**
     * Takes the next id in memory only, for writers that store objects in shared transactions
     * and call {@link #recordTaken} in each of them (no database round trip per id).
     */
    public synchronized int take() {
        return ++last;
    }

    /**
     * Records in {@code c} every id {@link #take} has handed out so far, so the row covers each
     * object the transaction stores. Ids of allocations still in flight may be recorded before
     * their objects are stored: if those fail, or the process dies, the ids are a gap, never reused.
     * Transactions may commit in another order than they recorded: the row only grows.
     */
    public void recordTaken(Connection c) throws SQLException {
        int id;
        synchronized (this) {
            id = last;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE pool_control SET last_oid = ? WHERE tablename = ? AND last_oid < ?")) {
            ps.setInt(1, id);
            ps.setString(2, table);
            ps.setInt(3, id);
            ps.executeUpdate();
        }
    }

    /** Ids are never reused: a rolled-back allocation simply leaves a gap, as in oned. */
    public synchronized void rollback(int id) {
        // Intentionally nothing: the counter stays ahead so a concurrent allocation never collides.
    }

    /** Makes sure the counter is at least {@code id} (used when objects are inserted with fixed ids). */
    public synchronized void ensureAtLeast(Connection c, int id) throws SQLException {
        if (id > last) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE pool_control SET last_oid = ? WHERE tablename = ?")) {
                ps.setInt(1, id);
                ps.setString(2, table);
                ps.executeUpdate();
            }
            last = id;
        }
    }
}
