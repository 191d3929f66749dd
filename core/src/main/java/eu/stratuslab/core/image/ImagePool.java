package eu.stratuslab.core.image;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Authorizer;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.Permissions;
import eu.stratuslab.infra.db.Database;
import eu.stratuslab.core.group.GroupPool;
import eu.stratuslab.core.pool.OwnedObjectPool;
import eu.stratuslab.core.user.UserPool;
import eu.stratuslab.template.Template;
import java.sql.SQLException;
import java.time.Clock;

/**
 * The OpenNebula image repository (OPTIONAL surface, xmlrpc-api.md §4.6): bookkeeping only. No
 * file is copied, so a new image is READY at once (oned showed LOCKED while it copied). Changes are
 * serialised on the pool, stored, then published as a new immutable snapshot.
 */
public final class ImagePool extends OwnedObjectPool<Image> {
    static final String TABLE = "image_pool";
    private static final String ALLOCATE_ERROR = "Error allocating a new image. ";

    private final Clock clock;

    private ImagePool(Database db, UserPool users, GroupPool groups, Authorizer authorizer, Clock clock)
            throws SQLException {
        super(db, TABLE, ObjectType.IMAGE, "image", "IMAGE_POOL", users, groups, authorizer);
        this.clock = clock;
    }

    public static ImagePool load(Database db, UserPool users, GroupPool groups, Authorizer authorizer, Clock clock)
            throws SQLException {
        ImagePool pool = new ImagePool(db, users, groups, authorizer, clock);
        pool.loadRows(Image.Body.class);
        return pool;
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
        requireFreeName(ALLOCATE_ERROR, name, owner.uid(), -1);
        boolean persistent = "YES".equalsIgnoreCase(trimmed(template.getString("PERSISTENT")));
        Template stored = template.copy();
        return allocateNew(ALLOCATE_ERROR + "Database error", id -> new Image(id, owner.uid(), owner.gid(), name,
                Permissions.DEFAULT, type, persistent, clock.instant().getEpochSecond(), source.isEmpty() ? path : source,
                path, trimmed(template.getString("FSTYPE")), size, ImageState.READY, 0, stored));
    }

    public synchronized void delete(int id) throws OneException {
        Image i = get(id);
        if (i.runningVms() > 0) {
            throw new OneException(ErrorCode.INTERNAL, "Can not delete image. The image is used by " + i.runningVms() + " VMs");
        }
        remove(id);
    }

    public synchronized void update(int id, Template template) throws OneException {
        Image i = get(id);
        store(i.with(i.uid(), i.gid(), i.permissions(), i.type, i.persistent, i.state, i.runningVms, template.copy()));
    }

    /** one.image.enable: true → READY, false → DISABLED; only from READY or DISABLED. */
    public synchronized void enable(int id, boolean enable) throws OneException {
        Image i = get(id);
        if (i.state() != ImageState.READY && i.state() != ImageState.DISABLED) {
            throw new OneException(ErrorCode.INTERNAL, "Could not " + (enable ? "enable" : "disable")
                    + " image, it must be READY or DISABLED");
        }
        ImageState next = enable ? ImageState.READY : ImageState.DISABLED;
        store(i.with(i.uid(), i.gid(), i.permissions(), i.type, i.persistent, next, i.runningVms, i.template));
    }

    public synchronized void persistent(int id, boolean persistent) throws OneException {
        Image i = get(id);
        if (i.runningVms() > 0) {
            throw new OneException(ErrorCode.INTERNAL, "Could not change the persistent flag: the image is in use");
        }
        store(i.with(i.uid(), i.gid(), i.permissions(), i.type, persistent, i.state, i.runningVms, i.template));
    }

    public synchronized void changeType(int id, String typeText) throws OneException {
        Image i = get(id);
        ImageType type = ImageType.parse(typeText);
        if (type == null) {
            throw new OneException(ErrorCode.INTERNAL, "Unknown image type " + typeText);
        }
        store(i.with(i.uid(), i.gid(), i.permissions(), type, i.persistent, i.state, i.runningVms, i.template));
    }

    public synchronized void chown(int id, int newUid, int newGid) throws OneException {
        Image i = get(id);
        int[] owner = newOwner(i, newUid, newGid);
        requireFreeName("Error changing owner. ", i.name(), owner[0], id);
        store(i.with(owner[0], owner[1], i.permissions(), i.type, i.persistent, i.state, i.runningVms, i.template));
    }

    public synchronized void chmod(int id, int[] bits) throws OneException {
        Image i = get(id);
        store(i.with(i.uid(), i.gid(), i.permissions().chmod(bits), i.type, i.persistent, i.state, i.runningVms, i.template));
    }

    /**
     * The image a VM template's DISK references ({@code IMAGE_ID}, or {@code IMAGE} owned by
     * {@code IMAGE_UNAME}/{@code IMAGE_UID}, else by {@code owner}), checked for USE by
     * {@code owner} (xmlrpc-api.md §6); null when the DISK references no image (SOURCE, pdisk...).
     *
     * @throws OneException INTERNAL {@code Error allocating a new virtual machine. Image <ref> does
     *         not exist}, or AUTHORIZATION {@code User [<uid>] : Not authorized to perform USE IMAGE [<id>].}
     */
    public Image authorizeDiskReference(Caller owner, eu.stratuslab.template.VectorAttribute disk) throws OneException {
        String idText = trimmed(disk.get("IMAGE_ID"));
        Image image;
        if (!idText.isEmpty()) {
            image = byId.get(parseId(idText));
            if (image == null) {
                throw diskImageMissing(idText);
            }
        } else {
            String name = trimmed(disk.get("IMAGE"));
            if (name.isEmpty()) {
                return null;
            }
            int ownerUid = owner.uid();
            String uname = trimmed(disk.get("IMAGE_UNAME"));
            String uidText = trimmed(disk.get("IMAGE_UID"));
            if (!uname.isEmpty()) {
                eu.stratuslab.core.user.User u = users.byName(uname);
                if (u == null) {
                    throw diskImageMissing(name);
                }
                ownerUid = u.id();
            } else if (!uidText.isEmpty()) {
                ownerUid = parseId(uidText);
            }
            image = byName(name, ownerUid);
            if (image == null) {
                throw diskImageMissing(name);
            }
        }
        authorizer.authorize(owner, ObjectType.IMAGE, image, eu.stratuslab.core.auth.Right.USE);
        return image;
    }

    private static OneException diskImageMissing(String ref) {
        return new OneException(ErrorCode.INTERNAL, "Error allocating a new virtual machine. Image " + ref + " does not exist");
    }

    private static int parseId(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * An image {@code one.vm.savedisk} registered: LOCKED until the VM's epilog copied the disk
     * (xmlrpc-api.md §4.6: LOCKED, then READY once copied).
     */
    public synchronized void lockForSave(int id) throws OneException {
        Image i = get(id);
        store(i.withContent(i.source, i.size, ImageState.LOCKED));
    }

    /** The epilog copied the saved disk to {@code source}: READY, with that SOURCE and SIZE (MB). */
    public synchronized void saveDone(int id, String source, long sizeMb) throws OneException {
        Image i = get(id);
        store(i.withContent(source, sizeMb, ImageState.READY));
    }

    /** The saved disk could not be copied (or the VM ended without saving it): ERROR. */
    public synchronized void saveFailed(int id) throws OneException {
        Image i = get(id);
        if (i.state() == ImageState.LOCKED) {
            store(i.withContent(i.source, i.size, ImageState.ERROR));
        }
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
