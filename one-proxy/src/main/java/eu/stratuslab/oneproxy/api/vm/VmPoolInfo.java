package eu.stratuslab.oneproxy.api.vm;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.vm.VmPoolFilter;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/**
 * {@code one.vmpool.info(S, filter, start, end, state)} → {@code <VM_POOL>} (xmlrpc-api.md §5).
 * Missing trailing ints default to -1 (§3.2).
 */
final class VmPoolInfo extends VmRequest {
    VmPoolInfo(Core core) {
        super(core, "one.vmpool.info", "VirtualMachinePoolInfo");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        VmPoolFilter filter = VmPoolFilter.of(params.getIntOr(1, -1), params.getIntOr(2, -1),
                params.getIntOr(3, -1), params.getIntOr(4, -1));
        return OneResult.ok(core.vms().poolDocument(caller, filter));
    }
}
