package eu.stratuslab.oneproxy.api.acl;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.oneproxy.api.AbstractMethod;
import eu.stratuslab.oneproxy.api.Requests;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.acl.addrule(S, userHex, resourceHex, rightsHex)} → rule id; group 0 only. The values are hexadecimal strings, with or without 0x. */
final class AclAddRule extends AbstractMethod {
    AclAddRule(Core core) {
        super(core, "one.acl.addrule", "AclAddRule");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        long user = hex(params.getString(1), "user");
        long resource = hex(params.getString(2), "resource");
        long rights = hex(params.getString(3), "rights");
        Requests.requireAdmin(caller, Right.MANAGE, ObjectType.ACL, -1);
        return OneResult.ok(core.acls().addRule(user, resource, rights));
    }

    /** Parses {@code 0x1f}, {@code 1F} ...; anything else is INTERNAL. */
    static long hex(String text, String part) throws OneException {
        String s = text.trim();
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        try {
            if (s.isEmpty() || s.length() > 16) {
                throw new NumberFormatException(part);
            }
            return Long.parseUnsignedLong(s, 16);
        } catch (NumberFormatException e) {
            throw new OneException(ErrorCode.INTERNAL, "Error adding rule: [" + part + "] " + text
                    + " is not a hexadecimal number");
        }
    }
}
