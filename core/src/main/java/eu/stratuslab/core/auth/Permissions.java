package eu.stratuslab.core.auth;

import eu.stratuslab.core.xml.XmlDoc;

/**
 * The nine permission bits of an owned object (OWNER_U .. OTHER_A). Immutable; chmod returns a new
 * value. New objects get {@code 1 1 0 / 0 0 0 / 0 0 0}.
 */
public record Permissions(int ownerU, int ownerM, int ownerA, int groupU, int groupM, int groupA,
                          int otherU, int otherM, int otherA) {

    public static final Permissions DEFAULT = new Permissions(1, 1, 0, 0, 0, 0, 0, 0, 0);

    /** Apply one.*.chmod arguments: nine values, -1 keeps the current bit. */
    public Permissions chmod(int[] v) {
        return new Permissions(pick(v[0], ownerU), pick(v[1], ownerM), pick(v[2], ownerA),
                pick(v[3], groupU), pick(v[4], groupM), pick(v[5], groupA),
                pick(v[6], otherU), pick(v[7], otherM), pick(v[8], otherA));
    }

    private static int pick(int requested, int current) {
        return requested == -1 ? current : (requested != 0 ? 1 : 0);
    }

    public boolean owner(Right r) {
        return bit(r, ownerU, ownerM, ownerA);
    }

    public boolean group(Right r) {
        return bit(r, groupU, groupM, groupA);
    }

    public boolean other(Right r) {
        return bit(r, otherU, otherM, otherA);
    }

    private static boolean bit(Right r, int u, int m, int a) {
        return switch (r) {
            case USE -> u == 1;
            case MANAGE -> m == 1;
            case ADMIN -> a == 1;
            case CREATE -> false;
        };
    }

    public void write(XmlDoc doc) {
        doc.open("PERMISSIONS")
                .element("OWNER_U", ownerU).element("OWNER_M", ownerM).element("OWNER_A", ownerA)
                .element("GROUP_U", groupU).element("GROUP_M", groupM).element("GROUP_A", groupA)
                .element("OTHER_U", otherU).element("OTHER_M", otherM).element("OTHER_A", otherA)
                .close("PERMISSIONS");
    }
}
