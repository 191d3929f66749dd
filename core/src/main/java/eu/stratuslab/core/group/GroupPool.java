package eu.stratuslab.core.group;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.infra.db.Database;
import eu.stratuslab.core.db.IdSequence;
import eu.stratuslab.core.db.JsonBodies;
import eu.stratuslab.core.pool.NamedObject;
import eu.stratuslab.core.pool.Writes;
import eu.stratuslab.core.xml.XmlDoc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * Groups. {@code oneadmin} (0) and {@code users} (1) exist from the start; new groups get ids from
 * 100 as in oned. Membership is owned by the user pool and read through {@link #bindMembers}.
 */
public final class GroupPool {
    static final String TABLE = "group_pool";
    static final int FIRST_USER_GROUP_ID = 100;

    private final Database db;
    private final IdSequence ids;
    private final NavigableMap<Integer, Group> byId = new ConcurrentSkipListMap<>();
    private volatile IntFunction<List<Integer>> members = gid -> List.of();

    private GroupPool(Database db, IdSequence ids) {
        this.db = db;
        this.ids = ids;
    }

    public static GroupPool load(Database db) throws SQLException {
        GroupPool pool = new GroupPool(db, IdSequence.load(db, TABLE, 0));
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT body FROM group_pool ORDER BY oid");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Group.Body b = JsonBodies.read(rs.getString(1), Group.Body.class);
                pool.byId.put(b.id, new Group(b.id, b.name));
            }
        }
        return pool;
    }

    /** Creates {@code oneadmin} (0) and {@code users} (1) on an empty database. */
    public synchronized void bootstrapDefaults() throws OneException {
        if (!byId.isEmpty()) {
            return;
        }
        Writes.inTransaction(db, "Error creating the default groups", c -> {
            insert(c, new Group(Group.ONEADMIN, "oneadmin"));
            insert(c, new Group(Group.USERS, "users"));
            ids.ensureAtLeast(c, FIRST_USER_GROUP_ID - 1);
            return null;
        });
        byId.put(Group.ONEADMIN, new Group(Group.ONEADMIN, "oneadmin"));
        byId.put(Group.USERS, new Group(Group.USERS, "users"));
    }

    /** Called once by the core so that group documents can list their members. */
    public void bindMembers(IntFunction<List<Integer>> membersOfGroup) {
        this.members = membersOfGroup;
    }

    public Group get(int gid) throws OneException {
        return OneException.requireFound(byId.get(gid), "group", gid);
    }

    public boolean exists(int gid) {
        return byId.containsKey(gid);
    }

    /** "" when unknown (GNAME of objects whose group was deleted). */
    public String name(int gid) {
        Group g = byId.get(gid);
        return g == null ? "" : g.name();
    }

    public List<Group> all() {
        return new ArrayList<>(byId.values());
    }

    public synchronized int allocate(String name) throws OneException {
        String error = NamedObject.invalidName(name);
        if (error != null) {
            throw new OneException(ErrorCode.INTERNAL, "Error allocating a new group. " + error);
        }
        for (Group g : byId.values()) {
            if (g.name().equals(name)) {
                throw new OneException(ErrorCode.INTERNAL,
                        "Error allocating a new group. NAME is already taken by GROUP " + g.id() + ".");
            }
        }
        Group created = Writes.inTransaction(db, "Error allocating a new group. Database error", c -> {
            Group g = new Group(ids.next(c), name);
            insert(c, g);
            return g;
        });
        byId.put(created.id(), created);
        return created.id();
    }

    public synchronized void delete(int gid) throws OneException {
        get(gid);
        if (gid == Group.ONEADMIN || gid == Group.USERS) {
            throw new OneException(ErrorCode.INTERNAL, "Can not delete group. System groups can not be deleted");
        }
        if (!members.apply(gid).isEmpty()) {
            throw new OneException(ErrorCode.INTERNAL, "Can not delete group. Group " + gid + " is not empty.");
        }
        Writes.inTransaction(db, "Can not delete group. Database error", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM group_pool WHERE oid = ?")) {
                ps.setInt(1, gid);
                return ps.executeUpdate();
            }
        });
        byId.remove(gid);
    }

    /** {@code <GROUP>} with the member ids (rendered fresh: membership changes with the user pool). */
    public String document(int gid) throws OneException {
        XmlDoc doc = new XmlDoc();
        write(get(gid), doc);
        return doc.toString();
    }

    public String poolDocument(IntPredicate visible) {
        XmlDoc doc = new XmlDoc().open("GROUP_POOL");
        for (Group g : byId.values()) {
            if (visible.test(g.id())) {
                write(g, doc);
            }
        }
        return doc.close("GROUP_POOL").toString();
    }

    private void write(Group g, XmlDoc doc) {
        doc.open("GROUP").element("ID", g.id()).element("NAME", g.name()).open("USERS");
        for (int uid : members.apply(g.id())) {
            doc.element("ID", uid);
        }
        doc.close("USERS").close("GROUP");
    }

    private static void insert(Connection c, Group g) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO group_pool (oid, name, body) VALUES (?, ?, ?)")) {
            ps.setInt(1, g.id());
            ps.setString(2, g.name());
            ps.setString(3, JsonBodies.write(new Group.Body(g)));
            ps.executeUpdate();
        }
    }
}
