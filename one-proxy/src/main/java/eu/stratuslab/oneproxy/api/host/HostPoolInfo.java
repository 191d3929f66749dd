package eu.stratuslab.oneproxy.api.host;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.oneproxy.api.AbstractMethod;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.hostpool.info(S)} → {@code <HOST_POOL>} with every host (no filter, no right needed). */
final class HostPoolInfo extends AbstractMethod {
    HostPoolInfo(Core core) {
        super(core, "one.hostpool.info", "HostPoolInfo");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        return OneResult.ok(core.hosts().poolDocument());
    }
}
