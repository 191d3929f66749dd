package eu.stratuslab.oneproxy.api.acl;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.oneproxy.api.ApiMethod;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import java.util.List;

/** The one.acl.* methods, group 0 only (xmlrpc-api.md §4.5). */
public final class AclMethods {
    private AclMethods() {
    }

    public static List<ApiMethod> all(Core core) {
        return List.of(
                // (S, userHex, resourceHex, rightsHex) → rule id; hexadecimal strings, with or without 0x
                new AclRequest<long[]>(core, "addrule", "AclAddRule", Right.MANAGE, (params, i) -> new long[] {
                    hex(params.getString(i), "user"), hex(params.getString(i + 1), "resource"),
                    hex(params.getString(i + 2), "rights")}, rule -> -1,
                        (acls, rule) -> OneResult.ok(acls.addRule(rule[0], rule[1], rule[2]))),
                // (S, ruleId) → ruleId
                new AclRequest<Integer>(core, "delrule", "AclDelRule", Right.MANAGE, Params::getInt, id -> id,
                        (acls, id) -> {
                            acls.deleteRule(id);
                            return OneResult.ok(id);
                        }),
                // (S) → <ACL_POOL>
                new AclRequest<Void>(core, "info", "AclInfo", Right.USE, (params, i) -> null, none -> -1,
                        (acls, none) -> OneResult.ok(acls.document())));
    }

    /** Parses {@code 0x1f}, {@code 1F} ...; anything else is INTERNAL. */
    private static long hex(String text, String part) throws OneException {
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
