package eu.stratuslab.core.vmmanager;

import eu.stratuslab.core.vm.VirtualMachine;
import java.io.IOException;

/**
 * What happens to a VM's files when the VM is through with its host: after the epilog of a
 * shutdown/cancel, after a cleanup (finalize/resubmit of an active VM) and for the epilog-delete
 * of a FAILED or STOPPED VM.
 *
 * <p>TODO(quarantine, hooks.md §5): the quarantine module plugs in here and moves the VM
 * directory to {@code <varDir>/quarantine/<vmid>} instead of deleting the disk files; the
 * save-as-image epilog (hooks.md §4.2) also belongs before this step.
 */
public interface EpilogStep {
    void vmDirectoryDone(VirtualMachine vm, VmDirectory dir) throws IOException;

    /** The default: the disk files (non-persistent disks, context image) and the checkpoint are deleted. */
    EpilogStep DELETE_DISK_FILES = (vm, dir) -> {
        VmDirectory.deleteTree(dir.images());
        java.nio.file.Files.deleteIfExists(dir.checkpoint());
    };
}
