package eu.stratuslab.oneproxy.api.vm;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.core.vm.VmDiskSaver;
import eu.stratuslab.oneproxy.api.Kinds;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.vm.savedisk(S, vmId, diskId, imageName, imageType)} → new image id; needs MANAGE. */
final class VmSaveDisk extends VmRequest {
    VmSaveDisk(Core core) {
        super(core, Kinds.VM.request("savedisk", "SaveDisk"));
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        int diskId = params.getInt(2);
        String imageName = params.getString(3);
        String imageType = params.getString(4);
        authorizedVm(caller, id, Right.MANAGE);
        return OneResult.ok(new VmDiskSaver(core.vms(), core.images(),
                core.settings().varDir().resolve("images")).saveDisk(caller, id, diskId, imageName, imageType));
    }
}
