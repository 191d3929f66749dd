package eu.stratuslab.core.acl;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.infra.db.Database;
import eu.stratuslab.core.db.IdSequence;
import eu.stratuslab.core.xml.XmlDoc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACL rules. Reads work on an immutable snapshot list that is replaced after every stored
 * change, so authorization never takes a lock.
 */
public final class AclPool {
    private static final Logger LOG = LoggerFactory.getLogger(AclPool.class);
    static final String TABLE = "acl_pool";

    private final Database db;
    private final IdSequence ids;
    private volatile List<AclRule> rules;
    /** The rendered pool document together with the rule list it was rendered from. */
    private volatile Rendered rendered;

    private record Rendered(List<AclRule> from, String xml) {
    }

    private AclPool(Database db, IdSequence ids, List<AclRule> rules) {
        this.db = db;
        this.ids = ids;
        this.rules = List.copyOf(rules);
    }

    public static AclPool load(Database db) throws SQLException {
        List<AclRule> rules = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT oid, user_bits, resource_bits, rights_bits FROM acl_pool ORDER BY oid");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rules.add(new AclRule(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
            }
        }
        return new AclPool(db, IdSequence.load(db, TABLE, 0), rules);
    }

    /** The two rules of an empty database (xmlrpc-api.md §4.5), ids 0 and 1. */
    public void bootstrapDefaults() throws OneException {
        if (!rules.isEmpty() || ids.peek() != 0) {
            return;
        }
        addRule(AclRule.GROUP | 1, ObjectType.VM.aclBit() | ObjectType.NET.aclBit() | ObjectType.IMAGE.aclBit()
                | ObjectType.TEMPLATE.aclBit() | AclRule.ALL, Right.CREATE.bit());
        addRule(AclRule.GROUP | 1, ObjectType.HOST.aclBit() | AclRule.ALL, Right.MANAGE.bit());
    }

    public List<AclRule> rules() {
        return rules;
    }

    public synchronized int addRule(long user, long resource, long rights) throws OneException {
        AclRule candidate = new AclRule(-1, user, resource, rights);
        String reason = candidate.malformedReason();
        if (reason != null) {
            throw new OneException(ErrorCode.INTERNAL, "Error adding rule: " + reason);
        }
        for (AclRule r : rules) {
            if (r.user() == user && r.resource() == resource && r.rights() == rights) {
                throw new OneException(ErrorCode.INTERNAL, "Error adding rule: Rule already exists");
            }
        }
        try {
            AclRule stored = db.inTransaction(c -> {
                int id = ids.next(c);
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO acl_pool (oid, user_bits, resource_bits, rights_bits) VALUES (?, ?, ?, ?)")) {
                    ps.setInt(1, id);
                    ps.setLong(2, user);
                    ps.setLong(3, resource);
                    ps.setLong(4, rights);
                    ps.executeUpdate();
                }
                return new AclRule(id, user, resource, rights);
            });
            List<AclRule> next = new ArrayList<>(rules);
            next.add(stored);
            publish(next);
            return stored.id();
        } catch (SQLException e) {
            LOG.error("cannot store ACL rule", e);
            throw OneException.internal("Error adding rule: database error");
        }
    }

    public synchronized void deleteRule(int id) throws OneException {
        AclRule found = rules.stream().filter(r -> r.id() == id).findFirst().orElse(null);
        if (found == null) {
            throw new OneException(ErrorCode.INTERNAL, "Error deleting rule: Rule does not exist");
        }
        try {
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM acl_pool WHERE oid = ?")) {
                    ps.setInt(1, id);
                    return ps.executeUpdate();
                }
            });
        } catch (SQLException e) {
            LOG.error("cannot delete ACL rule {}", id, e);
            throw OneException.internal("Error deleting rule: database error");
        }
        List<AclRule> next = new ArrayList<>(rules);
        next.remove(found);
        publish(next);
    }

    private void publish(List<AclRule> next) {
        rules = Collections.unmodifiableList(next);
    }

    /** Whether a rule grants {@code right} to the user on the object (oid/ogid -1 when not applicable). */
    public boolean allows(int uid, int gid, ObjectType type, int oid, int ogid, Right right) {
        for (AclRule r : rules) {
            if (r.appliesTo(uid, gid) && r.grants(type, oid, ogid, right)) {
                return true;
            }
        }
        return false;
    }

    /** {@code <ACL_POOL>} with every rule, ascending id. */
    public String document() {
        List<AclRule> current = rules;
        Rendered r = rendered;
        if (r == null || r.from() != current) {
            XmlDoc doc = new XmlDoc().open("ACL_POOL");
            for (AclRule rule : current) {
                rule.write(doc);
            }
            r = new Rendered(current, doc.close("ACL_POOL").toString());
            rendered = r;
        }
        return r.xml();
    }
}
