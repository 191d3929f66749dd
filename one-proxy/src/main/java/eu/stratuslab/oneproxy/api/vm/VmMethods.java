package eu.stratuslab.oneproxy.api.vm;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmPool;
import eu.stratuslab.core.vm.VmPoolFilter;
import eu.stratuslab.oneproxy.api.ApiMethod;
import eu.stratuslab.oneproxy.api.Kinds;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.oneproxy.api.family.AllocateRequest;
import eu.stratuslab.oneproxy.api.family.ChangeRequest;
import eu.stratuslab.oneproxy.api.family.ChmodRequest;
import eu.stratuslab.oneproxy.api.family.InfoRequest;
import eu.stratuslab.oneproxy.api.family.ListingGate;
import eu.stratuslab.oneproxy.api.family.PoolInfoRequest;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcText;
import java.util.ArrayList;
import java.util.List;

/**
 * The virtual machine methods of xmlrpc-api.md §4.1. Info answers {@code <VM>} with all history
 * records; the pool takes (filter, start, end, state), missing trailing ints being -1 (§3.2, §5),
 * and is answered in the VMs' cached encoded entries.
 */
public final class VmMethods {
    private VmMethods() {
    }

    private static final XmlRpcText POOL_HEAD = XmlRpcText.of(VmPool.POOL_HEAD);
    private static final XmlRpcText POOL_TAIL = XmlRpcText.of(VmPool.POOL_TAIL);

    /**
     * The bytes of {@link VmPool#poolDocument}, made of each VM's entry as encoded once when the VM
     * was published: nothing of an unchanged VM is rendered, escaped or copied again.
     */
    static XmlRpcText poolDocument(List<VirtualMachine> entries) {
        List<XmlRpcText> parts = new ArrayList<>(entries.size() + 2);
        parts.add(POOL_HEAD);
        for (VirtualMachine vm : entries) {
            parts.add(vm.poolEntry(XmlRpcText.class, XmlRpcText::of));
        }
        parts.add(POOL_TAIL);
        return XmlRpcText.join(parts);
    }

    public static List<ApiMethod> all(Core core) {
        return List.of(
                // (S, template) → new VM id (template.md §5); the VM pool checks the template, quotas and rights
                AllocateRequest.checkedByPool(core, Kinds.VM, Params::getString,
                        (pool, caller, template) -> pool.allocate(caller, template).id()),
                new InfoRequest<>(core, Kinds.VM),
                // (S, action, id): the action comes first (xmlrpc-api.md §8.3)
                new ChangeRequest<>(core, Kinds.VM, "action", "Action", Right.MANAGE, Params::getString,
                        (VmPool pool, int id, String action) -> core.lifecycle().action(action, id)).argumentFirst(),
                PoolInfoRequest.encoded(core, Kinds.VM, ListingGate.SHARED, (pool, caller, params) -> poolDocument(
                        pool.poolEntries(caller, VmPoolFilter.of(params.getIntOr(1, -1), params.getIntOr(2, -1),
                                params.getIntOr(3, -1), params.getIntOr(4, -1))))),
                VmPlacement.deploy(core),
                VmPlacement.migrate(core),
                new VmSaveDisk(core),
                new VmChown(core),
                new ChmodRequest<>(core, Kinds.VM, VmPool::chmod));
    }
}
