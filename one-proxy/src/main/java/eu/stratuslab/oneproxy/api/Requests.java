package eu.stratuslab.oneproxy.api;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Authorizer;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.PoolFilter;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.core.pool.OwnedObject;
import eu.stratuslab.template.Template;
import eu.stratuslab.template.TemplateParseException;
import eu.stratuslab.template.TemplateParser;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** Parameter and authorization steps that several request classes share. */
public final class Requests {
    private Requests() {
    }

    /** Parses a template argument; a syntax error is INTERNAL {@code <prefix> Parse error: <message>}. */
    public static Template parseTemplate(String text, String errorPrefix) throws OneException {
        try {
            return TemplateParser.parse(text);
        } catch (TemplateParseException e) {
            throw new OneException(ErrorCode.INTERNAL, errorPrefix + " Parse error: " + e.getMessage());
        }
    }

    /** filter, startId, endId of a pool-info call at {@code first}; missing trailing ints are -1 (§3.2). */
    public static PoolFilter poolFilter(Params params, int first) throws XmlRpcFault, OneException {
        return PoolFilter.of(params.getIntOr(first, -1), params.getIntOr(first + 1, -1), params.getIntOr(first + 2, -1));
    }

    /** The nine chmod values starting at {@code first}. */
    public static int[] chmodBits(Params params, int first) throws XmlRpcFault {
        int[] bits = new int[9];
        for (int i = 0; i < 9; i++) {
            bits[i] = params.getInt(first + i);
        }
        return bits;
    }

    /** chmod needs MANAGE, and ADMIN when any *_A bit changes. */
    public static void authorizeChmod(Authorizer a, Caller c, ObjectType type, OwnedObject o, int[] bits)
            throws OneException {
        a.authorize(c, type, o, Right.MANAGE);
        if (bits[2] != -1 || bits[5] != -1 || bits[8] != -1) {
            a.authorize(c, type, o, Right.ADMIN);
        }
    }

    /** chown needs ADMIN on the object, MANAGE on the new owner and USE on the new group. */
    public static void authorizeChown(Authorizer a, Caller c, ObjectType type, OwnedObject o, int newUid, int newGid)
            throws OneException {
        a.authorize(c, type, o, Right.ADMIN);
        if (newUid >= 0) {
            a.authorizeUnowned(c, ObjectType.USER, newUid, Right.MANAGE);
        }
        if (newGid >= 0 && newGid != c.gid()) {
            a.authorizeUnowned(c, ObjectType.GROUP, newGid, Right.USE);
        }
    }

    /** Users and groups are managed by group 0 only (xmlrpc-api.md §4.4). */
    public static void requireAdmin(Caller c, Right right, ObjectType type, int id) throws OneException {
        if (!c.isAdmin()) {
            throw OneException.notAuthorized(c.uid(), right.name(), type.name(), id);
        }
    }
}
