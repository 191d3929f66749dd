package eu.stratuslab.core.lifecycle;

import eu.stratuslab.core.vm.VirtualMachine;

/**
 * The work on the hypervisor side that the lifecycle orders: transfers (prolog/epilog) and domain
 * operations. The {@link Lifecycle} calls these after it has stored the VM's new state and outside
 * any lock; the implementation reports completion through {@link LifecycleEvents}, synchronously
 * or from its own threads. {@code vm} is the published (read-only) VM; its last history record
 * names the host. Implementations are chosen per VMM driver name ({@link VmOperationsRegistry}).
 *
 * <p>Implementations: {@link DummyVmOperations} (vmm_dummy, completes at once). Issue 3 adds the
 * libvirt VM manager and the prolog/epilog transfer hooks.
 */
public interface VmOperations {
    /** ACTIVE/PROLOG, PROLOG_RESUME or PROLOG_MIGRATE: bring images/state to the host → prologDone. */
    void prolog(VirtualMachine vm, LifecycleEvents events);

    /** ACTIVE/BOOT after PROLOG or restart: define and start the domain → booted. */
    void boot(VirtualMachine vm, LifecycleEvents events);

    /** ACTIVE/BOOT from a saved state (resume, migration) → booted. */
    void restore(VirtualMachine vm, LifecycleEvents events);

    /** ACTIVE/SHUTDOWN: ACPI shutdown → shutdownDone / shutdownFailed. */
    void shutdown(VirtualMachine vm, LifecycleEvents events);

    /** ACTIVE/CANCEL: hard power-off → cancelDone / cancelFailed. */
    void cancel(VirtualMachine vm, LifecycleEvents events);

    /** Guest reboot while RUNNING; no state change, failures are only logged. */
    void reboot(VirtualMachine vm, LifecycleEvents events);

    /** SAVE_STOP, SAVE_SUSPEND or SAVE_MIGRATE: save the memory → saved / saveFailed. */
    void save(VirtualMachine vm, LifecycleEvents events);

    /** EPILOG or EPILOG_STOP: bring results back, detach volumes → epilogDone / epilogFailed. */
    void epilog(VirtualMachine vm, LifecycleEvents events);

    /** Live migration to the host of the last history record → migrated / migrateFailed. */
    void migrate(VirtualMachine vm, LifecycleEvents events);

    /** ACTIVE/CLEANUP: destroy the domain, cancel transfers, delete the VM directory → cleanupDone. */
    void cleanup(VirtualMachine vm, LifecycleEvents events);

    /** Epilog-delete of a VM that is not running (FAILED, STOPPED): fire and forget. */
    void deleteFiles(VirtualMachine vm);
}
