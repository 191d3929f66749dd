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

/** {@code one.user.chauth(S, uid, driver, password)} → uid; group 0 only. */
final class UserChangeAuth extends AbstractMethod {
    UserChangeAuth(Core core) {
        super(core, "one.user.chauth", "UserChangeAuth");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int uid = params.getInt(1);
        String driver = params.getString(2);
        String password = params.getString(3);
        core.users().get(uid);
        Requests.requireAdmin(caller, Right.MANAGE, ObjectType.USER, uid);
        core.users().changeAuth(uid, driver, password);
        return OneResult.ok(uid);
    }
}
