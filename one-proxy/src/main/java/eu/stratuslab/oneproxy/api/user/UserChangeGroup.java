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

/** {@code one.user.chgrp(S, uid, gid)} → uid; group 0 only. */
final class UserChangeGroup extends AbstractMethod {
    UserChangeGroup(Core core) {
        super(core, "one.user.chgrp", "UserChangeGroup");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int uid = params.getInt(1);
        int gid = params.getInt(2);
        core.users().get(uid);
        Requests.requireAdmin(caller, Right.MANAGE, ObjectType.USER, uid);
        core.users().changeGroup(uid, gid);
        return OneResult.ok(uid);
    }
}
