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

/** {@code one.vn.chmod(S, id, 9 × bit)} (-1 keeps) → id; MANAGE, ADMIN for the *_A bits. */
final class VirtualNetworkChmod extends AbstractMethod {
    VirtualNetworkChmod(Core core) {
        super(core, "one.vn.chmod", "VirtualNetworkChmod");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        int[] bits = Requests.chmodBits(params, 2);
        VirtualNetwork n = core.networks().get(id);
        Requests.authorizeChmod(core.authorizer(), caller, ObjectType.NET, n, bits);
        core.networks().chmod(id, bits);
        return OneResult.ok(id);
    }
}
