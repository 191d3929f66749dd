package eu.stratuslab.oneproxy.api.user;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.core.group.Group;
import eu.stratuslab.oneproxy.api.AbstractMethod;
import eu.stratuslab.oneproxy.api.Requests;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.user.allocate(S, name, password, driver)} ("" = core) → uid; group 0 only. The new user joins the caller's group, or {@code users} when the caller is in group 0. */
final class UserAllocate extends AbstractMethod {
    UserAllocate(Core core) {
        super(core, "one.user.allocate", "UserAllocate");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        String name = params.getString(1);
        String password = params.getString(2);
        String driver = params.getString(3);
        Requests.requireAdmin(caller, Right.CREATE, ObjectType.USER, -1);
        int gid = caller.gid() == Group.ONEADMIN ? Group.USERS : caller.gid();
        return OneResult.ok(core.users().allocate(name, password, driver, gid));
    }
}
