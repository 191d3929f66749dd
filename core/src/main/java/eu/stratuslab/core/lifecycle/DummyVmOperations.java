package eu.stratuslab.core.lifecycle;

import eu.stratuslab.core.vm.HistoryRecord;
import eu.stratuslab.core.vm.VirtualMachine;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;

/**
 * The dummy drivers of test installations (vmm_dummy/tm_dummy, xmlrpc-api.md §12): every
 * operation succeeds at once, synchronously, with no prolog, epilog or hypervisor work. The
 * deploy id is {@code <host>:one-<id>:dummy}, as oned's dummy VMM answered.
 *
 * <p>A subclass built with a failure message answers every step at once with that failure
 * instead ({@link MissingDriverOperations}); clean-up succeeds either way, as there is nothing to
 * clean, and reboot and file deletion report nothing.
 */
public class DummyVmOperations implements VmOperations {
    /** null: every step succeeds. */
    private final String failure;

    public DummyVmOperations() {
        this(null);
    }

    DummyVmOperations(String failure) {
        this.failure = failure;
    }

    public static String deployId(VirtualMachine vm) {
        HistoryRecord h = vm.lastHistory();
        return (h == null ? "" : h.hostname()) + ":one-" + vm.id() + ":dummy";
    }

    /** Reports the step's end at once: done, or failed with {@link #failure}. */
    private void answer(VirtualMachine vm, IntConsumer done, BiConsumer<Integer, String> failed) {
        if (failure == null) {
            done.accept(vm.id());
        } else {
            failed.accept(vm.id(), failure);
        }
    }

    @Override public void prolog(VirtualMachine vm, LifecycleEvents e) { answer(vm, e::prologDone, e::prologFailed); }
    @Override public void boot(VirtualMachine vm, LifecycleEvents e) { answer(vm, id -> e.booted(id, deployId(vm)), e::bootFailed); }
    /** A dummy VM keeps no saved state: restoring it is booting it. */
    @Override public void restore(VirtualMachine vm, LifecycleEvents e) { boot(vm, e); }
    @Override public void shutdown(VirtualMachine vm, LifecycleEvents e) { answer(vm, e::shutdownDone, e::shutdownFailed); }
    @Override public void cancel(VirtualMachine vm, LifecycleEvents e) { answer(vm, e::cancelDone, e::cancelFailed); }
    /** Nothing to do: the dummy guest "reboots" instantly. */
    @Override public void reboot(VirtualMachine vm, LifecycleEvents e) { }
    @Override public void save(VirtualMachine vm, LifecycleEvents e) { answer(vm, e::saved, e::saveFailed); }
    @Override public void epilog(VirtualMachine vm, LifecycleEvents e) { answer(vm, e::epilogDone, e::epilogFailed); }
    @Override public void migrate(VirtualMachine vm, LifecycleEvents e) { answer(vm, e::migrated, e::migrateFailed); }
    @Override public void cleanup(VirtualMachine vm, LifecycleEvents e) { e.cleanupDone(vm.id()); }
    /** No files on a dummy host. */
    @Override public void deleteFiles(VirtualMachine vm) { }
}
