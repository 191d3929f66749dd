package eu.stratuslab.oneproxy.api.vm;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.vm.allocate(S, template)} → new VM id (template.md §5). */
final class VmAllocate extends VmRequest {
    VmAllocate(Core core) {
        super(core, "one.vm.allocate", "VirtualMachineAllocate");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        String template = params.getString(1);
        return OneResult.ok(core.vms().allocate(caller, template).id());
    }
}
