package eu.stratuslab.core.pool;

import eu.stratuslab.core.auth.Permissions;
import eu.stratuslab.core.xml.XmlDoc;
import eu.stratuslab.template.Template;
import eu.stratuslab.template.TemplateXml;
import java.util.function.Consumer;
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

    /** Writes the whole {@code <tag>} element: the head, the type's own {@code fields}, then its TEMPLATE. */
    protected final void writeDocument(XmlDoc doc, String tag, IntFunction<String> userName,
                                       IntFunction<String> groupName, Consumer<XmlDoc> fields, Template template) {
        writeHead(doc, tag, userName, groupName);
        fields.accept(doc);
        TemplateXml.write(template, doc.builder());
        doc.close(tag);
    }

    /** The object as one entry of its pool document. */
    protected abstract void write(XmlDoc doc, IntFunction<String> userName, IntFunction<String> groupName);

    /** The JSON body of the object's row. */
    protected abstract Body<?> body();

    /**
     * The fields every owned object's JSON body starts with (read and written by Jackson).
     *
     * @param <T> the object the body stores
     */
    public abstract static class Body<T extends OwnedPoolObject> {
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

        /** The object this body was stored from. */
        protected abstract T toObject();
    }
}
