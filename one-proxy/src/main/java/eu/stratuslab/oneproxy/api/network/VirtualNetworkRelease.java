package eu.stratuslab.oneproxy.api.network;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.core.network.VirtualNetwork;
import eu.stratuslab.oneproxy.api.AbstractMethod;
import eu.stratuslab.oneproxy.api.Requests;
import eu.stratuslab.template.Template;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.vn.release(S, id, "LEASES=[IP=..]")} → id; MANAGE; frees a held lease. */
final class VirtualNetworkRelease extends AbstractMethod {
    VirtualNetworkRelease(Core core) {
        super(core, "one.vn.release", "VirtualNetworkRelease");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        String text = params.getString(2);
        VirtualNetwork n = core.networks().get(id);
        core.authorizer().authorize(caller, ObjectType.NET, n, Right.MANAGE);
        Template t = Requests.parseTemplate(text, "Error modifying network leases.");
        core.networks().releaseHeld(id, t.vectors("LEASES"));
        return OneResult.ok(id);
    }
}
