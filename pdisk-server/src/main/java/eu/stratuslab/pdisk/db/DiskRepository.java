package eu.stratuslab.pdisk.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import eu.stratuslab.infra.db.Jdbc;
import eu.stratuslab.pdisk.model.Disk;
import eu.stratuslab.pdisk.model.DiskType;
import eu.stratuslab.pdisk.model.Visibility;

/** Disk rows. {@code count} is computed in the query (pdisk-api.md §6.3). */
public final class DiskRepository {

    private static final String SELECT = "SELECT d.*, CASE WHEN d.disk_type = 0 THEN "
            + "(SELECT COUNT(*) FROM pdisk_disk s WHERE s.identifier = CONCAT('snapshot:', d.uuid)) "
            + "ELSE (SELECT COUNT(*) FROM pdisk_mount m WHERE m.disk_uuid = d.uuid) END AS cnt FROM pdisk_disk d ";
    private static final String ORDER = " ORDER BY d.creation_ms DESC, d.uuid";

    private final DataSource ds;

    public DiskRepository(DataSource ds) {
        this.ds = ds;
    }

    public void insert(Disk d) {
        update("INSERT INTO pdisk_disk (owner, group_list, visibility, creation_ms, tag, size_gib, quarantine, "
                + "identifier, seed, base_disk_uuid, disk_type, uuid) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", d);
    }

    public void update(Disk d) {
        int n = update("UPDATE pdisk_disk SET owner=?, group_list=?, visibility=?, creation_ms=?, tag=?, size_gib=?, "
                + "quarantine=?, identifier=?, seed=?, base_disk_uuid=?, disk_type=? WHERE uuid=?", d);
        if (n != 1) {
            throw new RepositoryException("no disk " + d.uuid(), null);
        }
    }

    public boolean delete(String uuid) {
        return RepositoryException.wrap("cannot delete disk " + uuid,
                () -> Jdbc.update(ds, "DELETE FROM pdisk_disk WHERE uuid=?", uuid)) == 1;
    }

    public Optional<Disk> find(String uuid) {
        List<Disk> found = query(SELECT + "WHERE d.uuid = ?", uuid);
        return found.stream().findFirst();
    }

    public List<Disk> listAll() {
        return query(SELECT + ORDER);
    }

    /** Disks owned by either name of the caller, plus every PUBLIC disk; newest first. */
    public List<Disk> listVisibleTo(String identity, String accountName) {
        return query(SELECT + "WHERE d.owner = ? OR d.owner = ? OR d.visibility = 1" + ORDER, identity, accountName);
    }

    public boolean identifierInUse(String identifier) {
        return !query(SELECT + "WHERE d.identifier = ?", identifier).isEmpty();
    }

    private int update(String sql, Disk d) {
        return RepositoryException.wrap("cannot store disk " + d.uuid(), () -> Jdbc.update(ds, sql, d.owner(),
                String.join(",", d.group()), d.visibility().ordinal(), d.creation().toEpochMilli(), d.tag(), d.size(),
                d.quarantine(), d.identifier(), d.seed(), d.baseDiskUuid(), d.type().ordinal(), d.uuid()));
    }

    private List<Disk> query(String sql, Object... args) {
        return RepositoryException.wrap("cannot read disks", () -> Jdbc.query(ds, sql, DiskRepository::map, args));
    }

    private static Disk map(ResultSet rs) throws SQLException {
        String groups = rs.getString("group_list");
        return new Disk(rs.getString("uuid"), rs.getString("owner"),
                groups.isEmpty() ? List.of() : Arrays.asList(groups.split(",")),
                Visibility.values()[rs.getInt("visibility")], Instant.ofEpochMilli(rs.getLong("creation_ms")),
                rs.getString("tag"), rs.getLong("size_gib"), rs.getString("quarantine"), rs.getString("identifier"),
                rs.getBoolean("seed"), rs.getString("base_disk_uuid"), DiskType.values()[rs.getInt("disk_type")],
                rs.getInt("cnt"));
    }
}
