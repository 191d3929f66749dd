package eu.stratuslab.oneproxy.api.vm;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.oneproxy.api.Kinds;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/**
 * {@code one.vm.deploy(S, vmId, hostId)} and {@code one.vm.migrate(S, vmId, hostId, live)} → vmId:
 * placing a VM on a host needs ADMIN on the VM and MANAGE on the host.
 */
final class VmPlacement extends VmRequest {
    private final boolean migrate;

    private VmPlacement(Core core, String operation, String tagOperation, boolean migrate) {
        super(core, Kinds.VM.request(operation, tagOperation));
        this.migrate = migrate;
    }

    static VmPlacement deploy(Core core) {
        return new VmPlacement(core, "deploy", "Deploy", false);
    }

    static VmPlacement migrate(Core core) {
        return new VmPlacement(core, "migrate", "Migrate", true);
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        int hostId = params.getInt(2);
        boolean live = migrate && params.getBoolean(3);
        authorizedVm(caller, id, Right.ADMIN);
        core.hosts().get(hostId);
        core.authorizer().authorizeUnowned(caller, ObjectType.HOST, hostId, Right.MANAGE);
        if (migrate) {
            core.lifecycle().migrate(id, hostId, live);
        } else {
            core.lifecycle().deploy(id, hostId);
        }
        return OneResult.ok(id);
    }
}
