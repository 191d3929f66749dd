package eu.stratuslab.core.vm;

import eu.stratuslab.core.auth.Permissions;
import java.util.List;
import java.util.Map;

/**
 * The JSON {@code body} column of a {@code vm_pool} row: everything that is not a filter column.
 * Plain fields so that Jackson's field-based mapping ({@code JsonBodies}) reads old rows after
 * new fields are added.
 */
final class VmBody {
    String uname;
    String gname;
    int[] perms;
    long stime;
    long etime;
    String deployId;
    long memory;
    long cpu;
    long netTx;
    long netRx;
    boolean resubmitting;
    List<Map<String, Object>> template;

    Permissions permissions() {
        if (perms == null || perms.length != 9) {
            return Permissions.DEFAULT;
        }
        return new Permissions(perms[0], perms[1], perms[2], perms[3], perms[4], perms[5], perms[6], perms[7], perms[8]);
    }

    void setPermissions(Permissions p) {
        perms = new int[] {p.ownerU(), p.ownerM(), p.ownerA(), p.groupU(), p.groupM(), p.groupA(),
            p.otherU(), p.otherM(), p.otherA()};
    }
}
