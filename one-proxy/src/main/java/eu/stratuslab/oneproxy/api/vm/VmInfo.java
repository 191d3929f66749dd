package eu.stratuslab.oneproxy.api.vm;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.vm.info(S, id)} → {@code <VM>} with all history records; needs USE. */
final class VmInfo extends VmRequest {
    VmInfo(Core core) {
        super(core, "one.vm.info", "VirtualMachineInfo");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        return OneResult.ok(authorizedVm(caller, id, Right.USE).infoXml());
    }
}
