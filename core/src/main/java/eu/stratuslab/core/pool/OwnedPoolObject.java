package eu.stratuslab.core.pool;

import eu.stratuslab.core.auth.Permissions;
import eu.stratuslab.core.xml.XmlDoc;
import java.util.function.IntFunction;

/**
 * Images, templates and networks: an owner, a group and nine permission bits besides id and name.
 * Owner, group and permissions are volatile so that authorization reads them without a lock; only
 * an object's pool changes them, after the change was stored.
 */
public abstract class OwnedPoolObject extends NamedObject implements OwnedObject {
    private volatile int uid;
    private volatile int gid;
    private volatile Permissions permissions;

    protected OwnedPoolObject(int id, String name, int uid, int gid, Permissions permissions) {
        super(id, name);
        this.uid = uid;
        this.gid = gid;
        this.permissions = permissions;
    }

    @Override
    public final int uid() {
        return uid;
    }

    @Override
    public final int gid() {
        return gid;
    }

    @Override
    public final Permissions permissions() {
        return permissions;
    }

    protected void setOwner(int newUid, int newGid) {
        uid = newUid;
        gid = newGid;
    }

    protected void setPermissions(Permissions p) {
        permissions = p;
    }

    /** Opens {@code <tag>} and writes what every owned object's document starts with: ID … NAME, PERMISSIONS. */
    protected final void writeHead(XmlDoc doc, String tag, IntFunction<String> userName, IntFunction<String> groupName) {
        int u = uid;
        int g = gid;
        doc.open(tag).element("ID", id()).element("UID", u).element("GID", g)
                .element("UNAME", userName.apply(u)).element("GNAME", groupName.apply(g))
                .element("NAME", name());
        permissions.write(doc);
    }

    /** The fields every owned object's JSON body starts with (read and written by Jackson). */
    public abstract static class Body {
        public int id;
        public int uid;
        public int gid;
        public String name;
        public int[] permissions;

        protected Body() {
        }

        protected Body(OwnedPoolObject o) {
            id = o.id();
            uid = o.uid;
            gid = o.gid;
            name = o.name();
            permissions = OwnedFields.toArray(o.permissions);
        }

        protected final Permissions storedPermissions() {
            return OwnedFields.fromArray(permissions);
        }
    }
}
