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

/** {@code one.group.info(S, gid)} (-1 = caller's group) → {@code <GROUP>}; own group or group 0. */
final class GroupInfo extends AbstractMethod {
    GroupInfo(Core core) {
        super(core, "one.group.info", "GroupInfo");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int requested = params.getInt(1);
        int gid = requested == -1 ? caller.gid() : requested;
        core.groups().get(gid);
        if (gid != caller.gid()) {
            Requests.requireAdmin(caller, Right.USE, ObjectType.GROUP, gid);
        }
        return OneResult.ok(core.groups().document(gid));
    }
}
