package eu.stratuslab.oneproxy.api.vm;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.oneproxy.api.ApiMethod;

/** Common part of the VM request classes: name, tag and "get the VM, then check the right". */
abstract class VmRequest implements ApiMethod {
    protected final Core core;
    private final String name;
    private final String tag;

    VmRequest(Core core, String name, String tag) {
        this.core = core;
        this.name = name;
        this.tag = tag;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String tag() {
        return tag;
    }

    /** NO_EXISTS for an unknown VM, then AUTHORIZATION unless {@code caller} has {@code right} on it. */
    protected VirtualMachine authorizedVm(Caller caller, int vmId, Right right) throws OneException {
        VirtualMachine vm = core.vms().get(vmId);
        core.authorizer().authorize(caller, ObjectType.VM, vm, right);
        return vm;
    }
}
