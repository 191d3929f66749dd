package eu.stratuslab.pdisk.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import eu.stratuslab.pdisk.model.Mount;
import eu.stratuslab.pdisk.model.VmInstance;

/** Mounts and the VM instances they belong to. */
public final class MountRepository {

    private final DataSource ds;

    public MountRepository(DataSource ds) {
        this.ds = ds;
    }

    public Optional<VmInstance> findInstance(String vmId) {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT * FROM pdisk_instance WHERE vm_id=?")) {
            ps.setString(1, vmId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(instance(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new RepositoryException("cannot read instance " + vmId, e);
        }
    }

    public List<VmInstance> listInstances() {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT * FROM pdisk_instance ORDER BY vm_id")) {
            List<VmInstance> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(instance(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new RepositoryException("cannot list instances", e);
        }
    }

    /**
     * Stores the mount and creates or updates its instance (node of the last attach) in one
     * transaction, so a failure leaves neither.
     */
    public void insert(Mount m, VmInstance instance) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                upsertInstance(c, instance);
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO pdisk_mount (id, disk_uuid, vm_id, device, ts_ms) VALUES (?,?,?,?,?)")) {
                    ps.setString(1, m.id());
                    ps.setString(2, m.diskUuid());
                    ps.setString(3, m.vmId());
                    ps.setString(4, m.device());
                    ps.setLong(5, m.timestamp().toEpochMilli());
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new RepositoryException("cannot store mount " + m.id(), e);
        }
    }

    private static void upsertInstance(Connection c, VmInstance i) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE pdisk_instance SET node=? WHERE vm_id=?")) {
            up.setString(1, i.node());
            up.setString(2, i.vmId());
            if (up.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO pdisk_instance (vm_id, node, owner, ts_ms) VALUES (?,?,?,?)")) {
            ins.setString(1, i.vmId());
            ins.setString(2, i.node());
            ins.setString(3, i.owner());
            ins.setLong(4, i.timestamp().toEpochMilli());
            ins.executeUpdate();
        }
    }

    public boolean delete(String mountId) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM pdisk_mount WHERE id=?")) {
            ps.setString(1, mountId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new RepositoryException("cannot delete mount " + mountId, e);
        }
    }

    public Optional<Mount> find(String mountId) {
        return query("SELECT * FROM pdisk_mount WHERE id=?", mountId).stream().findFirst();
    }

    /** Mounts of a disk, ordered by device as the API lists them. */
    public List<Mount> listForDisk(String diskUuid) {
        return query("SELECT * FROM pdisk_mount WHERE disk_uuid=? ORDER BY device, vm_id", diskUuid);
    }

    public List<Mount> listForInstance(String vmId) {
        return query("SELECT * FROM pdisk_mount WHERE vm_id=? ORDER BY device", vmId);
    }

    private List<Mount> query(String sql, String arg) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            List<Mount> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Mount(rs.getString("id"), rs.getString("disk_uuid"), rs.getString("vm_id"),
                            rs.getString("device"), Instant.ofEpochMilli(rs.getLong("ts_ms"))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new RepositoryException("cannot read mounts", e);
        }
    }

    private static VmInstance instance(ResultSet rs) throws SQLException {
        return new VmInstance(rs.getString("vm_id"), rs.getString("node"), rs.getString("owner"),
                Instant.ofEpochMilli(rs.getLong("ts_ms")));
    }
}
