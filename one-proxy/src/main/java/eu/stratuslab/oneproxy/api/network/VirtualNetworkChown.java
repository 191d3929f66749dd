package eu.stratuslab.oneproxy.api.network;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.network.VirtualNetwork;
import eu.stratuslab.oneproxy.api.AbstractMethod;
import eu.stratuslab.oneproxy.api.Requests;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.vn.chown(S, id, uid, gid)} (-1 keeps) → id; ADMIN. */
final class VirtualNetworkChown extends AbstractMethod {
    VirtualNetworkChown(Core core) {
        super(core, "one.vn.chown", "VirtualNetworkChown");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        int uid = params.getInt(2);
        int gid = params.getInt(3);
        VirtualNetwork n = core.networks().get(id);
        Requests.authorizeChown(core.authorizer(), caller, ObjectType.NET, n, uid, gid);
        core.networks().chown(id, uid, gid);
        return OneResult.ok(id);
    }
}
