package eu.stratuslab.core.transfer;

import eu.stratuslab.core.vm.VirtualMachine;
import java.io.IOException;
import java.util.List;

/**
 * The transfer manager SPI (oned's TM): moving images, volumes and context onto a VM's node before
 * it boots and taking them away afterwards (hooks.md §1.1). The VM manager calls it from its own
 * worker threads, one call per VM at a time, after the lifecycle stored the VM's new state; the
 * implementation lives in the hooks module, the core only defines the contract.
 *
 * <p>Every method must be safe to run again after a crash of the service in the middle of a
 * previous run (the reconciler re-issues the step): it resumes or undoes what the earlier run left.
 * Failures are {@link IOException}s whose message is the VM's {@code TEMPLATE/ERROR/MESSAGE},
 * prefixed with the hook name ({@code prolog: ...}, {@code epilog: ...}).
 */
public interface TransferManager {

    /**
     * ACTIVE/PROLOG: prepares every DISK in template order, then the context image, on the VM's
     * node. On failure everything this run made is rolled back before the exception is thrown.
     *
     * @return the devices the domain attaches, in template order (skipped swap disks omitted)
     */
    List<PreparedDisk> prolog(VirtualMachine vm, VmDirectory dir) throws IOException;

    /** The devices a previous {@link #prolog} prepared (a boot after a restart, a resume). */
    List<PreparedDisk> preparedDisks(VirtualMachine vm, VmDirectory dir) throws IOException;

    /**
     * ACTIVE/EPILOG after {@code shutdown} or {@code cancel}: saves the root disk when asked,
     * detaches every volume and quarantines the VM directory and its snapshots.
     */
    void epilog(VirtualMachine vm, VmDirectory dir) throws IOException;

    /** EPILOG_STOP: volumes detached from the node with their mounts kept; nothing saved or quarantined. */
    void epilogStop(VirtualMachine vm, VmDirectory dir) throws IOException;

    /**
     * The VM is through with its files without an epilog (finalize, resubmit, cleanup, epilog-delete
     * of a FAILED or STOPPED VM): quarantine what exists, never save. Errors are logged, not thrown.
     */
    void discard(VirtualMachine vm, VmDirectory dir);
}
