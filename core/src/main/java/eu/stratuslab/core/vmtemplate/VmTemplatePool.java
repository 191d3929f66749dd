package eu.stratuslab.core.vmtemplate;

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
 * Registered VM templates (OPTIONAL surface, xmlrpc-api.md §4.6). As in oned 3.2, names need not
 * be unique and a template without NAME is called {@code template-<id>}.
 */
public final class VmTemplatePool extends OwnedObjectPool<VmTemplate> {
    static final String TABLE = "template_pool";

    private final Clock clock;

    private VmTemplatePool(Database db, UserPool users, GroupPool groups, Authorizer authorizer, Clock clock)
            throws SQLException {
        super(db, TABLE, ObjectType.TEMPLATE, "virtual machine template", "VMTEMPLATE_POOL", users, groups, authorizer);
        this.clock = clock;
    }

    public static VmTemplatePool load(Database db, UserPool users, GroupPool groups, Authorizer authorizer,
                                      Clock clock) throws SQLException {
        VmTemplatePool pool = new VmTemplatePool(db, users, groups, authorizer, clock);
        pool.loadRows(VmTemplate.Body.class);
        return pool;
    }

    public synchronized int allocate(Caller owner, Template template) throws OneException {
        Template stored = template.copy();
        return allocateNew("Error allocating a new virtual machine template. Database error", id -> {
            String name = stored.getString("NAME");
            if (name == null || name.isBlank()) {
                name = "template-" + id;
                stored.set("NAME", name);
            }
            return new VmTemplate(id, owner.uid(), owner.gid(), name.trim(), Permissions.DEFAULT,
                    clock.instant().getEpochSecond(), stored);
        });
    }

    public synchronized void delete(int id) throws OneException {
        get(id);
        remove(id);
    }

    /** one.template.update: replaces the template (NAME stays the registered name). */
    public synchronized void update(int id, Template template) throws OneException {
        VmTemplate t = get(id);
        store(t.with(t.uid(), t.gid(), t.permissions(), template.copy()));
    }

    public synchronized void chown(int id, int newUid, int newGid) throws OneException {
        VmTemplate t = get(id);
        int[] owner = newOwner(t, newUid, newGid);
        store(t.with(owner[0], owner[1], t.permissions(), t.template()));
    }

    public synchronized void chmod(int id, int[] bits) throws OneException {
        VmTemplate t = get(id);
        store(t.with(t.uid(), t.gid(), t.permissions().chmod(bits), t.template()));
    }
}
