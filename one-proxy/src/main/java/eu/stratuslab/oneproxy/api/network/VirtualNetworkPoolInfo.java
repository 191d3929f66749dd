package eu.stratuslab.oneproxy.api.network;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.PoolFilter;
import eu.stratuslab.oneproxy.api.AbstractMethod;
import eu.stratuslab.oneproxy.api.Requests;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.vnpool.info(S, filter, startId, endId)} (missing ints → -1) → {@code <VNET_POOL>} without LEASES. */
final class VirtualNetworkPoolInfo extends AbstractMethod {
    VirtualNetworkPoolInfo(Core core) {
        super(core, "one.vnpool.info", "VirtualNetworkPoolInfo");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        PoolFilter filter = Requests.poolFilter(params, 1);
        return OneResult.ok(core.networks().poolDocument(caller, filter));
    }
}
