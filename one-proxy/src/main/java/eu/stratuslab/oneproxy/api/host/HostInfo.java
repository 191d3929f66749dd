package eu.stratuslab.oneproxy.api.host;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.core.host.Host;
import eu.stratuslab.oneproxy.api.AbstractMethod;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.host.info(S, id)} → {@code <HOST>}; USE. */
final class HostInfo extends AbstractMethod {
    HostInfo(Core core) {
        super(core, "one.host.info", "HostInfo");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        Host h = core.hosts().get(id);
        core.authorizer().authorizeUnowned(caller, ObjectType.HOST, id, Right.USE);
        return OneResult.ok(h.document());
    }
}
