package eu.stratuslab.oneproxy.api.host;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.oneproxy.api.AbstractMethod;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.host.allocate(S, hostname, im_mad, vmm_mad, vnm_mad, tm_mad)} → host id; CREATE HOST. A trailing 7th parameter (the installer's boolean) is ignored. */
final class HostAllocate extends AbstractMethod {
    HostAllocate(Core core) {
        super(core, "one.host.allocate", "HostAllocate");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        String hostname = params.getString(1);
        String im = params.getString(2);
        String vmm = params.getString(3);
        String vnm = params.getString(4);
        String tm = params.getString(5);
        core.authorizer().authorizeCreate(caller, ObjectType.HOST);
        return OneResult.ok(core.hosts().allocate(hostname, im, vmm, vnm, tm));
    }
}
