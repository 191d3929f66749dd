package eu.stratuslab.core.acl;

import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.core.xml.XmlDoc;
import java.util.StringJoiner;
import java.util.function.ToLongFunction;

/**
 * One ACL rule (xmlrpc-api.md §4.5): who (user bits), on what (object type bits plus one selector),
 * which rights. Immutable.
 */
public record AclRule(int id, long user, long resource, long rights) {
    public static final long INDIVIDUAL = 0x100000000L;
    public static final long GROUP = 0x200000000L;
    public static final long ALL = 0x400000000L;
    static final long SELECTOR_BITS = INDIVIDUAL | GROUP | ALL;
    static final long ID_BITS = 0xFFFFFFFFL;
    static final long TYPE_BITS = 0xFF000000000L;
    static final long RIGHT_BITS = 0xFL;

    /** Whether this rule names {@code (uid, gid)} as a user. */
    boolean appliesTo(int uid, int gid) {
        long selector = user & SELECTOR_BITS;
        int id = (int) (user & ID_BITS);
        return selector == ALL || (selector == INDIVIDUAL && id == uid) || (selector == GROUP && id == gid);
    }

    /** Whether this rule grants {@code right} on object {@code oid} of group {@code ogid} (-1: not an object yet). */
    boolean grants(ObjectType type, int oid, int ogid, Right right) {
        if ((resource & type.aclBit()) == 0 || (rights & right.bit()) == 0) {
            return false;
        }
        long selector = resource & SELECTOR_BITS;
        int id = (int) (resource & ID_BITS);
        return selector == ALL || (selector == INDIVIDUAL && oid >= 0 && id == oid)
                || (selector == GROUP && ogid >= 0 && id == ogid);
    }

    /** The readable form oned shows, e.g. {@code @1 VM+NET+IMAGE+TEMPLATE/* CREATE}. */
    public String toReadableString() {
        StringBuilder sb = new StringBuilder();
        appendSelector(sb, user);
        sb.append(' ');
        sb.append(namesOfBits(ObjectType.values(), ObjectType::aclBit, resource)).append('/');
        appendSelector(sb, resource);
        sb.append(' ');
        return sb.append(namesOfBits(Right.values(), Right::bit, rights)).toString();
    }

    /** {@code A+B+...}: the names of the {@code values} whose bit is set in {@code bits}, in enum order. */
    private static <E extends Enum<E>> String namesOfBits(E[] values, ToLongFunction<E> bitOf, long bits) {
        StringJoiner names = new StringJoiner("+");
        for (E e : values) {
            if ((bits & bitOf.applyAsLong(e)) != 0) {
                names.add(e.name());
            }
        }
        return names.toString();
    }

    private static void appendSelector(StringBuilder sb, long bits) {
        long selector = bits & SELECTOR_BITS;
        if (selector == INDIVIDUAL) {
            sb.append('#').append(bits & ID_BITS);
        } else if (selector == GROUP) {
            sb.append('@').append(bits & ID_BITS);
        } else if (selector == ALL) {
            sb.append('*');
        } else {
            sb.append("??");
        }
    }

    /** Why the rule cannot be stored, or null when it is well formed. */
    String malformedReason() {
        if (Long.bitCount(user & SELECTOR_BITS) != 1) {
            return "[user] must use exactly one of #<uid>, @<gid> or *";
        }
        if ((user & ~(SELECTOR_BITS | ID_BITS)) != 0 || ((user & ALL) != 0 && (user & ID_BITS) != 0)) {
            return "[user] has unknown bits set";
        }
        if (Long.bitCount(resource & SELECTOR_BITS) != 1) {
            return "[resource] must use exactly one of #<id>, @<gid> or *";
        }
        if ((resource & TYPE_BITS) == 0) {
            return "[resource] names no object type";
        }
        if ((resource & ~(SELECTOR_BITS | ID_BITS | TYPE_BITS)) != 0 || ((resource & ALL) != 0 && (resource & ID_BITS) != 0)) {
            return "[resource] has unknown bits set";
        }
        if (rights == 0 || (rights & ~RIGHT_BITS) != 0) {
            return "[rights] must be a combination of USE, MANAGE, ADMIN and CREATE";
        }
        return null;
    }

    public void write(XmlDoc doc) {
        doc.open("ACL").element("ID", id)
                .element("USER", Long.toHexString(user))
                .element("RESOURCE", Long.toHexString(resource))
                .element("RIGHTS", Long.toHexString(rights))
                .element("STRING", toReadableString())
                .close("ACL");
    }
}
