package eu.stratuslab.oneproxy.api.network;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.core.network.VirtualNetwork;
import eu.stratuslab.oneproxy.api.AbstractMethod;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.vn.info(S, id)} → {@code <VNET>} with LEASES; USE. */
final class VirtualNetworkInfo extends AbstractMethod {
    VirtualNetworkInfo(Core core) {
        super(core, "one.vn.info", "VirtualNetworkInfo");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        VirtualNetwork n = core.networks().get(id);
        core.authorizer().authorize(caller, ObjectType.NET, n, Right.USE);
        return OneResult.ok(core.networks().document(id));
    }
}
