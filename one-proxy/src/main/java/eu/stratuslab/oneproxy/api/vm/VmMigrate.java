package eu.stratuslab.oneproxy.api.vm;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.vm.migrate(S, vmId, hostId, live)} → vmId; ADMIN on the VM and MANAGE on the host. */
final class VmMigrate extends VmRequest {
    VmMigrate(Core core) {
        super(core, "one.vm.migrate", "VirtualMachineMigrate");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        int hostId = params.getInt(2);
        boolean live = params.getBoolean(3);
        authorizedVm(caller, id, Right.ADMIN);
        core.hosts().get(hostId);
        core.authorizer().authorizeUnowned(caller, ObjectType.HOST, hostId, Right.MANAGE);
        core.lifecycle().migrate(id, hostId, live);
        return OneResult.ok(id);
    }
}
