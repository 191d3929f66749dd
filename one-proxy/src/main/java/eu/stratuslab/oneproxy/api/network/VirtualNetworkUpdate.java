package eu.stratuslab.oneproxy.api.network;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.core.network.VirtualNetwork;
import eu.stratuslab.oneproxy.api.AbstractMethod;
import eu.stratuslab.oneproxy.api.Requests;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.vn.update(S, id, template)} → id; MANAGE; replaces TEMPLATE. */
final class VirtualNetworkUpdate extends AbstractMethod {
    VirtualNetworkUpdate(Core core) {
        super(core, "one.vn.update", "VirtualNetworkUpdate");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        String text = params.getString(2);
        VirtualNetwork n = core.networks().get(id);
        core.authorizer().authorize(caller, ObjectType.NET, n, Right.MANAGE);
        core.networks().update(id, Requests.parseTemplate(text, "Cannot update template."));
        return OneResult.ok(id);
    }
}
