package eu.stratuslab.core.pool;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Authorizer;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.PoolFilter;
import eu.stratuslab.infra.db.Database;
import eu.stratuslab.core.db.IdSequence;
import eu.stratuslab.core.group.GroupPool;
import eu.stratuslab.core.user.UserPool;
import eu.stratuslab.core.xml.XmlDoc;
import eu.stratuslab.template.Template;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What the pools of owned objects (images, templates, networks) share: the objects in memory by
 * id, lookup, names unique per owner, the owner checks of chown, the pool document and the
 * write-through storage of their {@code (oid, name, uid, gid, body)} rows. Reads need no lock;
 * changes are stored before they become visible.
 */
public abstract class OwnedObjectPool<T extends OwnedPoolObject> {
    protected final Database db;
    protected final IdSequence ids;
    protected final OwnedRows rows;
    protected final UserPool users;
    protected final GroupPool groups;
    protected final Authorizer authorizer;
    protected final NavigableMap<Integer, T> byId = new ConcurrentSkipListMap<>();
    private final ObjectType type;
    private final String noun;
    private final String poolTag;

    /**
     * @param table the pool's table (a constant, never user input)
     * @param noun the type as messages name it ({@code virtual network})
     * @param poolTag the root of the pool document ({@code VNET_POOL})
     */
    protected OwnedObjectPool(Database db, String table, ObjectType type, String noun, String poolTag,
                              UserPool users, GroupPool groups, Authorizer authorizer) throws SQLException {
        this.db = db;
        this.ids = IdSequence.load(db, table, 0);
        this.rows = new OwnedRows(db, table);
        this.users = users;
        this.groups = groups;
        this.authorizer = authorizer;
        this.type = type;
        this.noun = noun;
        this.poolTag = poolTag;
    }

    /** Puts the stored objects in memory (at load). */
    protected final void loadRows(Class<? extends OwnedPoolObject.Body<T>> bodyType) throws SQLException {
        for (OwnedPoolObject.Body<T> body : rows.load(bodyType)) {
            T o = body.toObject();
            byId.put(o.id(), o);
        }
    }

    public T get(int id) throws OneException {
        return OneException.requireFound(byId.get(id), noun, id);
    }

    /** The object {@code name} owned by {@code ownerUid}, or null. */
    public T byName(String name, int ownerUid) {
        for (T o : byId.values()) {
            if (o.uid() == ownerUid && o.name().equals(name)) {
                return o;
            }
        }
        return null;
    }

    public List<T> all() {
        return new ArrayList<>(byId.values());
    }

    /** The object's info document. */
    public String document(int id) throws OneException {
        return document(get(id));
    }

    /** The pool document: the objects the filter lets {@code caller} see. */
    public String poolDocument(Caller caller, PoolFilter filter) {
        XmlDoc doc = new XmlDoc().open(poolTag);
        for (T o : byId.values()) {
            if (filter.matches(caller, type, o, authorizer)) {
                writePoolEntry(doc, o);
            }
        }
        return doc.close(poolTag).toString();
    }

    /** The object's info document; by default its pool entry alone. */
    protected String document(T object) {
        XmlDoc doc = new XmlDoc();
        writePoolEntry(doc, object);
        return doc.toString();
    }

    /** {@code one.<type>.allocate} for {@code owner} (CREATE is the caller's check): the new id. */
    public abstract int allocate(Caller owner, Template template) throws OneException;

    /** {@code one.<type>.delete}: refused while the object is in use. */
    public abstract void delete(int id) throws OneException;

    /** {@code one.<type>.update}: replaces the object's template. */
    public abstract void update(int id, Template template) throws OneException;

    /** {@code one.<type>.chown}: -1 keeps the value; the new owner and group must exist. */
    public abstract void chown(int id, int newUid, int newGid) throws OneException;

    /** {@code one.<type>.chmod}: nine values, -1 keeps a bit. */
    public abstract void chmod(int id, int[] bits) throws OneException;

    /** The object as one entry of the pool document. */
    protected void writePoolEntry(XmlDoc doc, T object) {
        object.write(doc, users::name, groups::name);
    }

    /** INTERNAL {@code <prefix>NAME is already taken by <TYPE> <id>.} unless {@code name} is free for {@code uid}. */
    protected final void requireFreeName(String prefix, String name, int uid, int selfId) throws OneException {
        T clash = byName(name, uid);
        if (clash != null && clash.id() != selfId) {
            throw new OneException(ErrorCode.INTERNAL,
                    prefix + "NAME is already taken by " + type.name() + " " + clash.id() + ".");
        }
    }

    /** chown's {@code (uid, gid)}: -1 keeps the object's value; NO_EXISTS for an unknown new owner or group. */
    protected final int[] newOwner(T object, int newUid, int newGid) throws OneException {
        if (newUid >= 0) {
            users.get(newUid);
        }
        if (newGid >= 0) {
            groups.get(newGid);
        }
        return new int[] {newUid < 0 ? object.uid() : newUid, newGid < 0 ? object.gid() : newGid};
    }

    /** Inserts a new object's row in the allocating transaction. */
    protected final void insertRow(Connection c, T object) throws SQLException {
        rows.insert(c, object.id(), object.name(), object.uid(), object.gid(), object.body());
    }

    /** Builds a new object around the id the allocating transaction drew for it. */
    @FunctionalInterface
    protected interface NewObject<T> {
        T create(int id);
    }

    /** Rows a new object owns besides its own, written after it in the same transaction. */
    @FunctionalInterface
    protected interface OwnedRowsWriter<T> {
        void insert(Connection c, T object) throws SQLException;
    }

    /**
     * Allocates: draws the next id, stores the new object's row in one transaction, then publishes
     * the object, so a failed write leaves neither row nor object behind.
     *
     * @param failureMessage the INTERNAL error's text when the database fails
     * @return the new id
     */
    protected final int allocateNew(String failureMessage, NewObject<T> create) throws OneException {
        return allocateNew(failureMessage, create, (c, object) -> { });
    }

    /** {@link #allocateNew(String, NewObject)}, with the rows the object owns stored alongside. */
    protected final int allocateNew(String failureMessage, NewObject<T> create, OwnedRowsWriter<T> ownedRows)
            throws OneException {
        T created = Writes.inTransaction(db, failureMessage, c -> {
            T object = create.create(ids.next(c));
            insertRow(c, object);
            ownedRows.insert(c, object);
            return object;
        });
        byId.put(created.id(), created);
        return created.id();
    }

    /** Stores a changed object's row, then publishes it. */
    protected final void store(T object) throws OneException {
        rows.update("Error updating " + noun + " [" + object.id() + "]. Database error", object.id(), object.name(),
                object.uid(), object.gid(), object.body());
        byId.put(object.id(), object);
    }

    /** Deletes the object's row, then forgets it. */
    protected final void remove(int id) throws OneException {
        rows.delete("Can not delete " + noun + ". Database error", id);
        byId.remove(id);
    }
}
