package eu.stratuslab.oneproxy.api.vm;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/**
 * {@code one.vm.chmod(S, vmId, OWNER_U, OWNER_M, OWNER_A, GROUP_U, ..., OTHER_A)} (-1 keeps) → vmId;
 * needs MANAGE, and ADMIN to change any of the *_A bits.
 */
final class VmChmod extends VmRequest {
    VmChmod(Core core) {
        super(core, "one.vm.chmod", "VirtualMachineChmod");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        int[] bits = new int[9];
        for (int i = 0; i < 9; i++) {
            bits[i] = params.getInt(2 + i);
        }
        authorizedVm(caller, id, Right.MANAGE);
        if (bits[2] != -1 || bits[5] != -1 || bits[8] != -1) {
            authorizedVm(caller, id, Right.ADMIN);
        }
        core.vms().chmod(id, bits);
        return OneResult.ok(id);
    }
}
