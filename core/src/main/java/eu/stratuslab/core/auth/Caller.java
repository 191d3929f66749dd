package eu.stratuslab.core.auth;

/** The authenticated user on whose behalf an API call runs. */
public record Caller(int uid, int gid, String name) {

    public static final Caller ONEADMIN = new Caller(0, 0, "oneadmin");

    /** uid 0 and members of group 0 bypass all authorization checks (xmlrpc-api.md §6). */
    public boolean isAdmin() {
        return uid == 0 || gid == 0;
    }
}
