package eu.stratuslab.oneproxy.api.group;

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

/** {@code one.group.allocate(S, name)} → gid; group 0 only. */
final class GroupAllocate extends AbstractMethod {
    GroupAllocate(Core core) {
        super(core, "one.group.allocate", "GroupAllocate");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        String name = params.getString(1);
        Requests.requireAdmin(caller, Right.CREATE, ObjectType.GROUP, -1);
        return OneResult.ok(core.groups().allocate(name));
    }
}
