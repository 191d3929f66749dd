package eu.stratuslab.core.pool;

import eu.stratuslab.core.OneException;
import eu.stratuslab.infra.db.Database;
import eu.stratuslab.core.db.JsonBodies;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a table shaped {@code (oid, name, uid, gid, body)} (image_pool, template_pool,
 * network_pool). The table name is a constant of the calling pool, never user input.
 */
public final class OwnedRows {
    private final Database db;
    private final String table;

    public OwnedRows(Database db, String table) {
        this.db = db;
        this.table = table;
    }

    public <T> List<T> load(Class<T> bodyType) throws SQLException {
        List<T> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT body FROM " + table + " ORDER BY oid");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(JsonBodies.read(rs.getString(1), bodyType));
            }
        }
        return out;
    }

    public void insert(Connection c, int oid, String name, int uid, int gid, Object body) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + table + " (oid, name, uid, gid, body) VALUES (?, ?, ?, ?, ?)")) {
            ps.setInt(1, oid);
            ps.setString(2, name);
            ps.setInt(3, uid);
            ps.setInt(4, gid);
            ps.setString(5, JsonBodies.write(body));
            ps.executeUpdate();
        }
    }

    public void update(String failure, int oid, String name, int uid, int gid, Object body) throws OneException {
        Writes.inTransaction(db, failure, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE " + table + " SET name = ?, uid = ?, gid = ?, body = ? WHERE oid = ?")) {
                ps.setString(1, name);
                ps.setInt(2, uid);
                ps.setInt(3, gid);
                ps.setString(4, JsonBodies.write(body));
                ps.setInt(5, oid);
                return ps.executeUpdate();
            }
        });
    }

    public void delete(String failure, int oid) throws OneException {
        Writes.inTransaction(db, failure, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE oid = ?")) {
                ps.setInt(1, oid);
                return ps.executeUpdate();
            }
        });
    }
}
