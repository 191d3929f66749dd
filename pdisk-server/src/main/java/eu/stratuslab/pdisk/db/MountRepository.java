package eu.stratuslab.pdisk.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import eu.stratuslab.infra.db.Jdbc;
import eu.stratuslab.pdisk.model.Mount;
import eu.stratuslab.pdisk.model.VmInstance;

/** Mounts and the VM instances they belong to. */
public final class MountRepository {

    private final DataSource ds;

    public MountRepository(DataSource ds) {
        this.ds = ds;
    }

    public Optional<VmInstance> findInstance(String vmId) {
        return RepositoryException.wrap("cannot read instance " + vmId,
                () -> Jdbc.query(ds, "SELECT * FROM pdisk_instance WHERE vm_id=?", MountRepository::instance, vmId))
                .stream().findFirst();
    }

    public List<VmInstance> listInstances() {
        return RepositoryException.wrap("cannot list instances",
                () -> Jdbc.query(ds, "SELECT * FROM pdisk_instance ORDER BY vm_id", MountRepository::instance));
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
                Jdbc.update(c, "INSERT INTO pdisk_mount (id, disk_uuid, vm_id, device, ts_ms) VALUES (?,?,?,?,?)",
                        m.id(), m.diskUuid(), m.vmId(), m.device(), m.timestamp().toEpochMilli());
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
        if (Jdbc.update(c, "UPDATE pdisk_instance SET node=? WHERE vm_id=?", i.node(), i.vmId()) == 1) {
            return;
        }
        Jdbc.update(c, "INSERT INTO pdisk_instance (vm_id, node, owner, ts_ms) VALUES (?,?,?,?)",
                i.vmId(), i.node(), i.owner(), i.timestamp().toEpochMilli());
    }

    public boolean delete(String mountId) {
        return RepositoryException.wrap("cannot delete mount " + mountId,
                () -> Jdbc.update(ds, "DELETE FROM pdisk_mount WHERE id=?", mountId)) == 1;
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
        return RepositoryException.wrap("cannot read mounts", () -> Jdbc.query(ds, sql, rs -> new Mount(rs.getString("id"),
                rs.getString("disk_uuid"), rs.getString("vm_id"), rs.getString("device"),
                Instant.ofEpochMilli(rs.getLong("ts_ms"))), arg));
    }

    private static VmInstance instance(ResultSet rs) throws SQLException {
        return new VmInstance(rs.getString("vm_id"), rs.getString("node"), rs.getString("owner"),
                Instant.ofEpochMilli(rs.getLong("ts_ms")));
    }
}
