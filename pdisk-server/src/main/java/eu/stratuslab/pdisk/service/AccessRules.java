package eu.stratuslab.pdisk.service;

import eu.stratuslab.pdisk.model.Disk;

/** The rights table of pdisk-api.md §2. */
public final class AccessRules {

    private AccessRules() {
    }

    public static boolean canView(Caller c, Disk d) {
        return c.superuser() || c.owns(d.owner()) || d.isPublic();
    }

    /** PUT, DELETE and rebase: owner or superuser (the original let any viewer edit). */
    public static boolean canModify(Caller c, Disk d) {
        return c.superuser() || c.owns(d.owner());
    }
}
