package eu.stratuslab.core.lifecycle;

import eu.stratuslab.core.vm.HistoryRecord;
import eu.stratuslab.core.vm.VirtualMachine;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which {@link VmOperations} serve a host, by the host's VMM driver name (the VMMMAD of the VM's
 * last history record). {@code vmm_dummy} and {@code dummy} are registered from the start; issue 3
 * registers the libvirt manager for {@code vmm_kvm}, {@code kvm}, {@code qemu}, {@code libvirt}.
 */
public final class VmOperationsRegistry {
    private final Map<String, VmOperations> byMad = new ConcurrentHashMap<>();

    public VmOperationsRegistry() {
        DummyVmOperations dummy = new DummyVmOperations();
        byMad.put("vmm_dummy", dummy);
        byMad.put("dummy", dummy);
    }

    /** Registers (or replaces) the operations for a VMM driver name. */
    public void register(String vmmMad, VmOperations ops) {
        byMad.put(vmmMad, ops);
    }

    public VmOperations forDriver(String vmmMad) {
        VmOperations ops = vmmMad == null ? null : byMad.get(vmmMad);
        return ops != null ? ops : new MissingDriverOperations(vmmMad);
    }

    /** The operations for the host of the VM's last placement. */
    public VmOperations forVm(VirtualMachine vm) {
        HistoryRecord h = vm.lastHistory();
        return forDriver(h == null ? null : h.vmmMad());
    }
}
