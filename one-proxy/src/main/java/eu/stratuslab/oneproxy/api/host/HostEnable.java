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

/** {@code one.host.enable(S, id, enable)} → id; ADMIN; true → INIT (probed at once), false → DISABLED. */
final class HostEnable extends AbstractMethod {
    HostEnable(Core core) {
        super(core, "one.host.enable", "HostEnable");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        boolean enable = params.getBoolean(2);
        core.hosts().get(id);
        core.authorizer().authorizeUnowned(caller, ObjectType.HOST, id, Right.ADMIN);
        core.hosts().enable(id, enable);
        return OneResult.ok(id);
    }
}
