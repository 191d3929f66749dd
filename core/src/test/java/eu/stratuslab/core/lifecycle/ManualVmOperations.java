package eu.stratuslab.core.lifecycle;

import eu.stratuslab.core.vm.VirtualMachine;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hypervisor side that records what it was asked to do and never completes on its own: tests
 * complete (or fail) each step through {@link LifecycleEvents}, so every transient LCM state can
 * be observed.
 */
final class ManualVmOperations implements VmOperations {
    final List<String> calls = new CopyOnWriteArrayList<>();

    private void record(String op, VirtualMachine vm) {
        calls.add(op + ":" + vm.id());
    }

    @Override public void prolog(VirtualMachine vm, LifecycleEvents e) { record("prolog", vm); }
    @Override public void boot(VirtualMachine vm, LifecycleEvents e) { record("boot", vm); }
    @Override public void restore(VirtualMachine vm, LifecycleEvents e) { record("restore", vm); }
    @Override public void shutdown(VirtualMachine vm, LifecycleEvents e) { record("shutdown", vm); }
    @Override public void cancel(VirtualMachine vm, LifecycleEvents e) { record("cancel", vm); }
    @Override public void reboot(VirtualMachine vm, LifecycleEvents e) { record("reboot", vm); }
    @Override public void save(VirtualMachine vm, LifecycleEvents e) { record("save", vm); }
    @Override public void epilog(VirtualMachine vm, LifecycleEvents e) { record("epilog", vm); }
    @Override public void migrate(VirtualMachine vm, LifecycleEvents e) { record("migrate", vm); }
    @Override public void cleanup(VirtualMachine vm, LifecycleEvents e) { record("cleanup", vm); }
    @Override public void deleteFiles(VirtualMachine vm) { record("deleteFiles", vm); }
}
