package eu.stratuslab.core.lifecycle;

import eu.stratuslab.core.vm.VirtualMachine;

/**
 * Used for a host whose VMM driver has no registered {@link VmOperations}: nothing can run there,
 * so starting fails the VM with a clear message, stopping returns the VM to RUNNING and clean-up
 * succeeds (there is nothing to clean).
 */
final class MissingDriverOperations implements VmOperations {
    private final String message;

    MissingDriverOperations(String vmmMad) {
        this.message = "No VM manager for driver " + vmmMad;
    }

    @Override public void prolog(VirtualMachine vm, LifecycleEvents e) { e.prologFailed(vm.id(), message); }
    @Override public void boot(VirtualMachine vm, LifecycleEvents e) { e.bootFailed(vm.id(), message); }
    @Override public void restore(VirtualMachine vm, LifecycleEvents e) { e.bootFailed(vm.id(), message); }
    @Override public void shutdown(VirtualMachine vm, LifecycleEvents e) { e.shutdownFailed(vm.id(), message); }
    @Override public void cancel(VirtualMachine vm, LifecycleEvents e) { e.cancelFailed(vm.id(), message); }
    @Override public void reboot(VirtualMachine vm, LifecycleEvents e) { }
    @Override public void save(VirtualMachine vm, LifecycleEvents e) { e.saveFailed(vm.id(), message); }
    @Override public void epilog(VirtualMachine vm, LifecycleEvents e) { e.epilogFailed(vm.id(), message); }
    @Override public void migrate(VirtualMachine vm, LifecycleEvents e) { e.migrateFailed(vm.id(), message); }
    @Override public void cleanup(VirtualMachine vm, LifecycleEvents e) { e.cleanupDone(vm.id()); }
    @Override public void deleteFiles(VirtualMachine vm) { }
}
