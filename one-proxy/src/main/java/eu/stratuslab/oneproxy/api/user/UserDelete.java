package eu.stratuslab.oneproxy.api.user;

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

/** {@code one.user.delete(S, uid)} → uid; group 0 only; oneadmin and serveradmin cannot be deleted. */
final class UserDelete extends AbstractMethod {
    UserDelete(Core core) {
        super(core, "one.user.delete", "UserDelete");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int uid = params.getInt(1);
        core.users().get(uid);
        Requests.requireAdmin(caller, Right.ADMIN, ObjectType.USER, uid);
        core.users().delete(uid);
        return OneResult.ok(uid);
    }
}
