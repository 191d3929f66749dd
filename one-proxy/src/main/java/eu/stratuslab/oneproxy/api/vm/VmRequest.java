package eu.stratuslab.oneproxy.api.vm;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmPool;
import eu.stratuslab.oneproxy.api.Kinds;
import eu.stratuslab.oneproxy.api.RequestName;
import eu.stratuslab.oneproxy.api.family.ObjectRequest;

/** The VM requests that belong to no family (oned's {@code RequestManagerVirtualMachine}). */
abstract class VmRequest extends ObjectRequest<VirtualMachine, VmPool> {
    VmRequest(Core core, RequestName requestName) {
        super(core, Kinds.VM, requestName);
    }

    /** NO_EXISTS for an unknown VM, then AUTHORIZATION unless {@code caller} has {@code right} on it. */
    protected VirtualMachine authorizedVm(Caller caller, int vmId, Right right) throws OneException {
        return authorized(caller, vmId, right);
    }
}
