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

/** {@code one.user.info(S, uid)} (-1 = caller) → {@code <USER>}; own account or group 0. */
final class UserInfo extends AbstractMethod {
    UserInfo(Core core) {
        super(core, "one.user.info", "UserInfo");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int requested = params.getInt(1);
        int uid = requested == -1 ? caller.uid() : requested;
        core.users().get(uid);
        if (uid != caller.uid()) {
            Requests.requireAdmin(caller, Right.USE, ObjectType.USER, uid);
        }
        return OneResult.ok(core.users().document(uid));
    }
}
