package eu.stratuslab.core.lifecycle;

/**
 * How a {@link VmOperations} executor reports the end of the work it was asked to do. Every
 * method may be called from any thread, synchronously from inside the {@code VmOperations} call
 * or later. A report that no longer fits the VM's state (the VM was finalized meanwhile, a
 * duplicate report) is ignored.
 */
public interface LifecycleEvents {
    /** PROLOG, PROLOG_RESUME or PROLOG_MIGRATE finished: the VM boots. */
    void prologDone(int vmId);

    void prologFailed(int vmId, String message);

    /** The domain runs: ACTIVE/RUNNING with DEPLOY_ID {@code deployId}. */
    void booted(int vmId, String deployId);

    void bootFailed(int vmId, String message);

    /** The guest has shut down (ACPI): the epilog starts. */
    void shutdownDone(int vmId);

    /** The guest did not stop (driver error or timeout): back to RUNNING. */
    void shutdownFailed(int vmId, String message);

    /** The domain was destroyed by {@code cancel}: the epilog starts. */
    void cancelDone(int vmId);

    void cancelFailed(int vmId, String message);

    /** Memory saved (SAVE_STOP, SAVE_SUSPEND, SAVE_MIGRATE). */
    void saved(int vmId);

    /** Saving failed: back to RUNNING. */
    void saveFailed(int vmId, String message);

    /** EPILOG or EPILOG_STOP finished. */
    void epilogDone(int vmId);

    void epilogFailed(int vmId, String message);

    /** Live migration finished: RUNNING on the new host. */
    void migrated(int vmId);

    /** Live migration failed: RUNNING on the old host. */
    void migrateFailed(int vmId, String message);

    /** CLEANUP finished (domain destroyed, transfers cancelled). */
    void cleanupDone(int vmId);

    // ---- monitoring (issue 3's VM monitor) ----

    /** The domain disappeared while RUNNING (e.g. shut down from inside): ACTIVE/UNKNOWN. */
    void domainGone(int vmId);

    /** The hypervisor paused the domain while RUNNING: SUSPENDED. */
    void domainPaused(int vmId);

    /** Monitoring the domain failed: FAILED. */
    void monitorFailed(int vmId, String message);

    /** New monitoring values: MEMORY (KB), CPU (%), NET_TX, NET_RX (bytes); LAST_POLL = now. */
    void polled(int vmId, long memoryKb, long cpuPercent, long netTx, long netRx);
}
