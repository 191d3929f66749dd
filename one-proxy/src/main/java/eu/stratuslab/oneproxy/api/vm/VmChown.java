package eu.stratuslab.oneproxy.api.vm;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.vm.chown(S, vmId, uid, gid)} (-1 keeps) → vmId; needs ADMIN. */
final class VmChown extends VmRequest {
    VmChown(Core core) {
        super(core, "one.vm.chown", "VirtualMachineChown");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        int uid = params.getInt(2);
        int gid = params.getInt(3);
        authorizedVm(caller, id, Right.ADMIN);
        String uname = uid == -1 ? null : core.users().get(uid).name();
        String gname = gid == -1 ? null : core.groups().get(gid).name();
        core.vms().chown(id, uid, uname, gid, gname);
        return OneResult.ok(id);
    }
}
