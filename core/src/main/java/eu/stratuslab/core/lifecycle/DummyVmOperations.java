package eu.stratuslab.core.lifecycle;

import eu.stratuslab.core.vm.HistoryRecord;
import eu.stratuslab.core.vm.VirtualMachine;

/**
 * The dummy drivers of test installations (vmm_dummy/tm_dummy, xmlrpc-api.md §12): every
 * operation succeeds at once, synchronously, with no prolog, epilog or hypervisor work. The
 * deploy id is {@code <host>:one-<id>:dummy}, as oned's dummy VMM answered.
 */
public final class DummyVmOperations implements VmOperations {

    public static String deployId(VirtualMachine vm) {
        HistoryRecord h = vm.lastHistory();
        return (h == null ? "" : h.hostname()) + ":one-" + vm.id() + ":dummy";
    }

    @Override
    public void prolog(VirtualMachine vm, LifecycleEvents events) {
        events.prologDone(vm.id());
    }

    @Override
    public void boot(VirtualMachine vm, LifecycleEvents events) {
        events.booted(vm.id(), deployId(vm));
    }

    /** A dummy VM keeps no saved state: restoring it is booting it. */
    @Override
    public void restore(VirtualMachine vm, LifecycleEvents events) {
        boot(vm, events);
    }

    @Override
    public void shutdown(VirtualMachine vm, LifecycleEvents events) {
        events.shutdownDone(vm.id());
    }

    @Override
    public void cancel(VirtualMachine vm, LifecycleEvents events) {
        events.cancelDone(vm.id());
    }

    @Override
    public void reboot(VirtualMachine vm, LifecycleEvents events) {
        // nothing to do: the dummy guest "reboots" instantly
    }

    @Override
    public void save(VirtualMachine vm, LifecycleEvents events) {
        events.saved(vm.id());
    }

    @Override
    public void epilog(VirtualMachine vm, LifecycleEvents events) {
        events.epilogDone(vm.id());
    }

    @Override
    public void migrate(VirtualMachine vm, LifecycleEvents events) {
        events.migrated(vm.id());
    }

    @Override
    public void cleanup(VirtualMachine vm, LifecycleEvents events) {
        events.cleanupDone(vm.id());
    }

    @Override
    public void deleteFiles(VirtualMachine vm) {
        // no files on a dummy host
    }
}
