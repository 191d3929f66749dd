package eu.stratuslab.core.group;

import eu.stratuslab.core.pool.PoolObject;

/** A group (xmlrpc-api.md §7.5). Immutable: groups cannot be renamed. */
public final class Group implements PoolObject {
    public static final int ONEADMIN = 0;
    public static final int USERS = 1;

    private final int id;
    private final String name;

    public Group(int id, String name) {
        this.id = id;
        this.name = name;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    /** The JSON body of the group_pool row. */
    static final class Body {
        int id;
        String name;

        Body() {
        }

        Body(Group g) {
            this.id = g.id;
            this.name = g.name;
        }
    }
}
