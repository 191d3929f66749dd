package eu.stratuslab.oneproxy.api.acl;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.oneproxy.api.AbstractMethod;
import eu.stratuslab.oneproxy.api.Requests;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.acl.delrule(S, ruleId)} → ruleId; group 0 only. */
final class AclDelRule extends AbstractMethod {
    AclDelRule(Core core) {
        super(core, "one.acl.delrule", "AclDelRule");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        Requests.requireAdmin(caller, Right.MANAGE, ObjectType.ACL, id);
        core.acls().deleteRule(id);
        return OneResult.ok(id);
    }
}
