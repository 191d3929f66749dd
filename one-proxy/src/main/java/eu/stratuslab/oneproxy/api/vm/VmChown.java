package eu.stratuslab.oneproxy.api.vm;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmPool;
import eu.stratuslab.oneproxy.api.Kinds;
import eu.stratuslab.oneproxy.api.family.ChownRequest;

/**
 * {@code one.vm.chown(S, vmId, uid, gid)} (-1 keeps) → vmId. Differs from the family: ADMIN on the
 * VM is all it checks, and the VM stores the new owner's and group's names.
 */
final class VmChown extends ChownRequest<VirtualMachine, VmPool> {
    VmChown(Core core) {
        super(core, Kinds.VM, (pool, id, uid, gid) -> pool.chown(id,
                uid, uid == -1 ? null : core.users().get(uid).name(),
                gid, gid == -1 ? null : core.groups().get(gid).name()));
    }

    @Override
    protected void authorizeChown(Caller caller, int id, int uid, int gid) throws OneException {
        authorized(caller, id, Right.ADMIN);
    }
}
