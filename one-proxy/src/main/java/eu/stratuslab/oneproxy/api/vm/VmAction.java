package eu.stratuslab.oneproxy.api.vm;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.vm.action(S, action, id)} (action first) → id; needs MANAGE (xmlrpc-api.md §8.3). */
final class VmAction extends VmRequest {
    VmAction(Core core) {
        super(core, "one.vm.action", "VirtualMachineAction");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        String action = params.getString(1);
        int id = params.getInt(2);
        authorizedVm(caller, id, Right.MANAGE);
        core.lifecycle().action(action, id);
        return OneResult.ok(id);
    }
}
