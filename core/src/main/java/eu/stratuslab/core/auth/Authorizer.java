package eu.stratuslab.core.auth;

import eu.stratuslab.core.OneException;
import eu.stratuslab.core.acl.AclPool;
import eu.stratuslab.core.pool.OwnedObject;

/**
 * OpenNebula 3.2 authorization (xmlrpc-api.md §6): uid 0 and group 0 pass; otherwise a right comes
 * from the object's permission bits (owner, group, other) or from an ACL rule.
 */
public final class Authorizer {
    private final AclPool acls;

    public Authorizer(AclPool acls) {
        this.acls = acls;
    }

    /** AUTHORIZATION {@code User [uid] : Not authorized to perform <OP> <OBJ> [<id>].} when refused. */
    public void authorize(Caller c, ObjectType type, OwnedObject o, Right r) throws OneException {
        if (!isAllowed(c, type, o, r)) {
            throw OneException.notAuthorized(c.uid(), r.name(), type.name(), o.id());
        }
    }

    /** Objects without owner and permissions (hosts, users, groups): only ACL rules grant rights. */
    public void authorizeUnowned(Caller c, ObjectType type, int id, Right r) throws OneException {
        if (!c.isAdmin() && !acls.allows(c.uid(), c.gid(), type, id, -1, r)) {
            throw OneException.notAuthorized(c.uid(), r.name(), type.name(), id);
        }
    }

    /** CREATE on an object type: an ACL rule for all objects or for the caller's group (oned's check). */
    public void authorizeCreate(Caller c, ObjectType type) throws OneException {
        if (!c.isAdmin() && !acls.allows(c.uid(), c.gid(), type, -1, c.gid(), Right.CREATE)) {
            throw OneException.notAuthorized(c.uid(), Right.CREATE.name(), type.name(), -1);
        }
    }

    /** USE right, as needed by pool filter -2 and by references from templates. */
    public boolean canUse(Caller c, ObjectType type, OwnedObject o) {
        return isAllowed(c, type, o, Right.USE);
    }

    public boolean isAllowed(Caller c, ObjectType type, OwnedObject o, Right r) {
        if (c.isAdmin()) {
            return true;
        }
        Permissions p = o.permissions();
        if (o.uid() == c.uid() && p.owner(r)) {
            return true;
        }
        if (o.gid() == c.gid() && p.group(r)) {
            return true;
        }
        if (p.other(r)) {
            return true;
        }
        return acls.allows(c.uid(), c.gid(), type, o.id(), o.gid(), r);
    }
}
