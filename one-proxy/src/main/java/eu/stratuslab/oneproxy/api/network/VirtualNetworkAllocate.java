package eu.stratuslab.oneproxy.api.network;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.oneproxy.api.AbstractMethod;
import eu.stratuslab.oneproxy.api.Requests;
import eu.stratuslab.template.Template;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.vn.allocate(S, template)} → network id; CREATE NET (template.md §8). */
final class VirtualNetworkAllocate extends AbstractMethod {
    VirtualNetworkAllocate(Core core) {
        super(core, "one.vn.allocate", "VirtualNetworkAllocate");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        String text = params.getString(1);
        Template t = Requests.parseTemplate(text, "Error allocating a new virtual network.");
        core.authorizer().authorizeCreate(caller, ObjectType.NET);
        return OneResult.ok(core.networks().allocate(caller, t));
    }
}
