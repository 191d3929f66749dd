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

/** {@code one.user.passwd(S, uid, password)} → uid; own account or group 0. */
final class UserChangePassword extends AbstractMethod {
    UserChangePassword(Core core) {
        super(core, "one.user.passwd", "UserChangePassword");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int uid = params.getInt(1);
        String password = params.getString(2);
        core.users().get(uid);
        if (uid != caller.uid()) {
            Requests.requireAdmin(caller, Right.MANAGE, ObjectType.USER, uid);
        }
        core.users().setPassword(uid, password);
        return OneResult.ok(uid);
    }
}
