package eu.stratuslab.core.vmtemplate;

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
 * Registered VM templates (OPTIONAL surface, xmlrpc-api.md §4.6). As in oned 3.2, names need not
 * be unique and a template without NAME is called {@code template-<id>}.
 */
public final class VmTemplatePool {
    static final String TABLE = "template_pool";

    private final Database db;
    private final IdSequence ids;
    private final OwnedRows rows;
    private final UserPool users;
    private final GroupPool groups;
    private final Authorizer authorizer;
    private final Clock clock;
    private final NavigableMap<Integer, VmTemplate> byId = new ConcurrentSkipListMap<>();

    private VmTemplatePool(Database db, IdSequence ids, UserPool users, GroupPool groups, Authorizer authorizer,
                           Clock clock) {
        this.db = db;
        this.ids = ids;
        this.rows = new OwnedRows(db, TABLE);
        this.users = users;
        this.groups = groups;
        this.authorizer = authorizer;
        this.clock = clock;
    }

    public static VmTemplatePool load(Database db, UserPool users, GroupPool groups, Authorizer authorizer,
                                      Clock clock) throws SQLException {
        VmTemplatePool pool = new VmTemplatePool(db, IdSequence.load(db, TABLE, 0), users, groups, authorizer, clock);
        for (VmTemplate.Body b : pool.rows.load(VmTemplate.Body.class)) {
            VmTemplate t = b.toTemplate();
            pool.byId.put(t.id(), t);
        }
        return pool;
    }

    public VmTemplate get(int id) throws OneException {
        VmTemplate t = byId.get(id);
        if (t == null) {
            throw OneException.notFound("virtual machine template", id);
        }
        return t;
    }

    public List<VmTemplate> all() {
        return new ArrayList<>(byId.values());
    }

    public String document(int id) throws OneException {
        XmlDoc doc = new XmlDoc();
        get(id).write(doc, users::name, groups::name);
        return doc.toString();
    }

    public String poolDocument(Caller caller, PoolFilter filter) {
        XmlDoc doc = new XmlDoc().open("VMTEMPLATE_POOL");
        for (VmTemplate t : byId.values()) {
            if (filter.matches(caller, ObjectType.TEMPLATE, t, authorizer)) {
                t.write(doc, users::name, groups::name);
            }
        }
        return doc.close("VMTEMPLATE_POOL").toString();
    }

    public synchronized int allocate(Caller owner, Template template) throws OneException {
        Template stored = template.copy();
        VmTemplate created = Writes.inTransaction(db, "Error allocating a new virtual machine template. Database error", c -> {
            int id = ids.next(c);
            String name = stored.getString("NAME");
            if (name == null || name.isBlank()) {
                name = "template-" + id;
                stored.set("NAME", name);
            }
            VmTemplate t = new VmTemplate(id, owner.uid(), owner.gid(), name.trim(), Permissions.DEFAULT,
                    clock.instant().getEpochSecond(), stored);
            rows.insert(c, t.id(), t.name(), t.uid(), t.gid(), new VmTemplate.Body(t));
            return t;
        });
        byId.put(created.id(), created);
        return created.id();
    }

    public synchronized void delete(int id) throws OneException {
        get(id);
        rows.delete("Can not delete virtual machine template. Database error", id);
        byId.remove(id);
    }

    /** one.template.update: replaces the template (NAME stays the registered name). */
    public synchronized void update(int id, Template template) throws OneException {
        VmTemplate t = get(id);
        store(t.with(t.uid(), t.gid(), t.permissions(), template.copy()));
    }

    public synchronized void chown(int id, int newUid, int newGid) throws OneException {
        VmTemplate t = get(id);
        if (newUid >= 0) {
            users.get(newUid);
        }
        if (newGid >= 0) {
            groups.get(newGid);
        }
        store(t.with(newUid < 0 ? t.uid() : newUid, newGid < 0 ? t.gid() : newGid, t.permissions(), t.template()));
    }

    public synchronized void chmod(int id, int[] bits) throws OneException {
        VmTemplate t = get(id);
        store(t.with(t.uid(), t.gid(), t.permissions().chmod(bits), t.template()));
    }

    private void store(VmTemplate t) throws OneException {
        rows.update("Error updating virtual machine template [" + t.id() + "]. Database error", t.id(), t.name(),
                t.uid(), t.gid(), new VmTemplate.Body(t));
        byId.put(t.id(), t);
    }
}
