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

/** {@code one.acl.info(S)} → {@code <ACL_POOL>}; group 0 only. */
final class AclInfo extends AbstractMethod {
    AclInfo(Core core) {
        super(core, "one.acl.info", "AclInfo");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        Requests.requireAdmin(caller, Right.USE, ObjectType.ACL, -1);
        return OneResult.ok(core.acls().document());
    }
}
