package eu.stratuslab.oneproxy.api.host;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.oneproxy.api.AbstractMethod;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.host.delete(S, id)} → id; ADMIN; refused while VMs run on the host. */
final class HostDelete extends AbstractMethod {
    HostDelete(Core core) {
        super(core, "one.host.delete", "HostDelete");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        core.hosts().get(id);
        core.authorizer().authorizeUnowned(caller, ObjectType.HOST, id, Right.ADMIN);
        core.hosts().delete(id);
        return OneResult.ok(id);
    }
}
