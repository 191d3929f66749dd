package eu.stratuslab.core.pool;

import eu.stratuslab.core.auth.Permissions;

/** Storage helpers for the owner/group/permission fields shared by images, templates and networks. */
public final class OwnedFields {
    private OwnedFields() {
    }

    public static int[] toArray(Permissions p) {
        return new int[] {p.ownerU(), p.ownerM(), p.ownerA(), p.groupU(), p.groupM(), p.groupA(),
            p.otherU(), p.otherM(), p.otherA()};
    }

    public static Permissions fromArray(int[] p) {
        return p == null || p.length != 9 ? Permissions.DEFAULT
                : new Permissions(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]);
    }
}
