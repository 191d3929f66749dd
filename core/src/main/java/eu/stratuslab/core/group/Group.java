package eu.stratuslab.core.group;

import eu.stratuslab.core.pool.NamedObject;

/** A group (xmlrpc-api.md §7.5). Immutable: groups cannot be renamed. */
public final class Group extends NamedObject {
    public static final int ONEADMIN = 0;
    public static final int USERS = 1;


    public Group(int id, String name) {
        super(id, name);
    }

    /** The JSON body of the group_pool row. */
    static final class Body {
        int id;
        String name;

        Body() {
        }

        Body(Group g) {
            this.id = g.id();
            this.name = g.name();
        }
    }
}
