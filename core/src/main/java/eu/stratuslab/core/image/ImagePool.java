package eu.stratuslab.core.image;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Authorizer;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.Permissions;
import eu.stratuslab.core.auth.PoolFilter;
import eu.stratuslab.core.db.Database;
import eu.stratuslab.core.db.IdSequence;
import eu.stratuslab.core.group.GroupPool;
import eu.stratuslab.core.pool.OwnedRows;
import eu.stratuslab.core.pool.Writes;
import eu.stratuslab.core.user.UserPool;
import eu.stratuslab.core.xml.XmlDoc;
import eu.stratuslab.template.Template;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The OpenNebula image repository (OPTIONAL surface, xmlrpc-api.md §4.6): bookkeeping only. No
 * file is copied, so a new image is READY at once (oned showed LOCKED while it copied). Changes are
 * serialised on the pool, stored, then published as a new immutable snapshot.
 */
public final class ImagePool {
    static final String TABLE = "image_pool";
    private static final String ALLOCATE_ERROR = "Error allocating a new image. ";

    private final Database db;
    private final IdSequence ids;
    private final OwnedRows rows;
    private final UserPool users;
    private final GroupPool groups;
    private final Authorizer authorizer;
    private final Clock clock;
    private final NavigableMap<Integer, Image> byId = new ConcurrentSkipListMap<>();

    private ImagePool(Database db, IdSequence ids, UserPool users, GroupPool groups, Authorizer authorizer, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.rows = new OwnedRows(db, TABLE);
        this.users = users;
        this.groups = groups;
        this.authorizer = authorizer;
        this.clock = clock;
    }

    public static ImagePool load(Database db, UserPool users, GroupPool groups, Authorizer authorizer, Clock clock)
            throws SQLException {
        ImagePool pool = new ImagePool(db, IdSequence.load(db, TABLE, 0), users, groups, authorizer, clock);
        for (Image.Body b : pool.rows.load(Image.Body.class)) {
            Image i = b.toImage();
            pool.byId.put(i.id(), i);
        }
        return pool;
    }

    public Image get(int id) throws OneException {
        Image i = byId.get(id);
        if (i == null) {
            throw OneException.notFound("image", id);
        }
        return i;
    }

    /** The image {@code name} owned by {@code ownerUid}, or null. */
    public Image byName(String name, int ownerUid) {
        for (Image i : byId.values()) {
            if (i.uid() == ownerUid && i.name().equals(name)) {
                return i;
            }
        }
        return null;
    }

    public String document(int id) throws OneException {
        XmlDoc doc = new XmlDoc();
        get(id).write(doc, users::name, groups::name);
        return doc.toString();
    }

    public String poolDocument(Caller caller, PoolFilter filter) {
        XmlDoc doc = new XmlDoc().open("IMAGE_POOL");
        for (Image i : byId.values()) {
            if (filter.matches(caller, ObjectType.IMAGE, i, authorizer)) {
                i.write(doc, users::name, groups::name);
            }
        }
        return doc.close("IMAGE_POOL").toString();
    }

    /** one.image.allocate: NAME required; TYPE OS (default), CDROM or DATABLOCK; PATH or SOURCE. */
    public synchronized int allocate(Caller owner, Template template) throws OneException {
        String name = trimmed(template.getString("NAME"));
        if (name.isEmpty()) {
            throw new OneException(ErrorCode.INTERNAL, ALLOCATE_ERROR + "No NAME in template.");
        }
        String typeText = template.getString("TYPE");
        ImageType type = typeText == null ? ImageType.OS : ImageType.parse(typeText);
        if (type == null) {
            throw new OneException(ErrorCode.INTERNAL, ALLOCATE_ERROR + "Unknown TYPE " + typeText + ".");
        }
        String path = trimmed(template.getString("PATH"));
        String source = trimmed(template.getString("SOURCE"));
        if (!path.isEmpty() && !source.isEmpty()) {
            throw new OneException(ErrorCode.INTERNAL, ALLOCATE_ERROR + "PATH and SOURCE are mutually exclusive.");
        }
        if (path.isEmpty() && source.isEmpty() && type != ImageType.DATABLOCK) {
            throw new OneException(ErrorCode.INTERNAL, ALLOCATE_ERROR + "PATH or SOURCE must be specified.");
        }
        long size = parseLong(template.getString("SIZE"));
        Image existing = byName(name, owner.uid());
        if (existing != null) {
            throw new OneException(ErrorCode.INTERNAL, ALLOCATE_ERROR + "NAME is already taken by IMAGE " + existing.id() + ".");
        }
        boolean persistent = "YES".equalsIgnoreCase(trimmed(template.getString("PERSISTENT")));
        Template stored = template.copy();
        Image created = Writes.inTransaction(db, ALLOCATE_ERROR + "Database error", c -> {
            Image i = new Image(ids.next(c), owner.uid(), owner.gid(), name, Permissions.DEFAULT, type, persistent,
                    clock.instant().getEpochSecond(), source.isEmpty() ? path : source, path,
                    trimmed(template.getString("FSTYPE")), size, ImageState.READY, 0, stored);
            rows.insert(c, i.id(), i.name(), i.uid(), i.gid(), new Image.Body(i));
            return i;
        });
        byId.put(created.id(), created);
        return created.id();
    }

    public synchronized void delete(int id) throws OneException {
        Image i = get(id);
        if (i.runningVms() > 0) {
            throw new OneException(ErrorCode.INTERNAL, "Can not delete image. The image is used by " + i.runningVms() + " VMs");
        }
        rows.delete("Can not delete image. Database error", id);
        byId.remove(id);
    }

    public synchronized void update(int id, Template template) throws OneException {
        Image i = get(id);
        store(i.with(i.uid, i.gid, i.permissions, i.type, i.persistent, i.state, i.runningVms, template.copy()));
    }

    /** one.image.enable: true → READY, false → DISABLED; only from READY or DISABLED. */
    public synchronized void enable(int id, boolean enable) throws OneException {
        Image i = get(id);
        if (i.state() != ImageState.READY && i.state() != ImageState.DISABLED) {
            throw new OneException(ErrorCode.INTERNAL, "Could not " + (enable ? "enable" : "disable")
                    + " image, it must be READY or DISABLED");
        }
        ImageState next = enable ? ImageState.READY : ImageState.DISABLED;
        store(i.with(i.uid, i.gid, i.permissions, i.type, i.persistent, next, i.runningVms, i.template));
    }

    public synchronized void persistent(int id, boolean persistent) throws OneException {
        Image i = get(id);
        if (i.runningVms() > 0) {
            throw new OneException(ErrorCode.INTERNAL, "Could not change the persistent flag: the image is in use");
        }
        store(i.with(i.uid, i.gid, i.permissions, i.type, persistent, i.state, i.runningVms, i.template));
    }

    public synchronized void changeType(int id, String typeText) throws OneException {
        Image i = get(id);
        ImageType type = ImageType.parse(typeText);
        if (type == null) {
            throw new OneException(ErrorCode.INTERNAL, "Unknown image type " + typeText);
        }
        store(i.with(i.uid, i.gid, i.permissions, type, i.persistent, i.state, i.runningVms, i.template));
    }

    public synchronized void chown(int id, int newUid, int newGid) throws OneException {
        Image i = get(id);
        if (newUid >= 0) {
            users.get(newUid);
        }
        if (newGid >= 0) {
            groups.get(newGid);
        }
        int uid = newUid < 0 ? i.uid : newUid;
        int gid = newGid < 0 ? i.gid : newGid;
        Image clash = byName(i.name(), uid);
        if (clash != null && clash.id() != id) {
            throw new OneException(ErrorCode.INTERNAL, "Error changing owner. NAME is already taken by IMAGE " + clash.id() + ".");
        }
        store(i.with(uid, gid, i.permissions, i.type, i.persistent, i.state, i.runningVms, i.template));
    }

    public synchronized void chmod(int id, int[] bits) throws OneException {
        Image i = get(id);
        store(i.with(i.uid, i.gid, i.permissions.chmod(bits), i.type, i.persistent, i.state, i.runningVms, i.template));
    }

    public List<Image> all() {
        return new ArrayList<>(byId.values());
    }

    private void store(Image i) throws OneException {
        rows.update("Error updating image [" + i.id() + "]. Database error", i.id(), i.name(), i.uid(), i.gid(),
                new Image.Body(i));
        byId.put(i.id(), i);
    }

    private static String trimmed(String s) {
        return s == null ? "" : s.trim();
    }

    private static long parseLong(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
