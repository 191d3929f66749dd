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

/** {@code one.group.delete(S, gid)} → gid; group 0 only; system groups and groups with members are kept. */
final class GroupDelete extends AbstractMethod {
    GroupDelete(Core core) {
        super(core, "one.group.delete", "GroupDelete");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int gid = params.getInt(1);
        core.groups().get(gid);
        Requests.requireAdmin(caller, Right.ADMIN, ObjectType.GROUP, gid);
        core.groups().delete(gid);
        return OneResult.ok(gid);
    }
}
