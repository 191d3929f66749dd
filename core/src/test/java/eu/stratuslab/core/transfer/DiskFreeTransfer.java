package eu.stratuslab.core.transfer;

import eu.stratuslab.core.vm.VirtualMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * A transfer manager for VM-manager tests whose VMs have no DISK and no CONTEXT: the prolog only
 * makes the VM directory; the epilog and discard remove it. The real one lives in the hooks module.
 */
public final class DiskFreeTransfer implements TransferManager {

    @Override
    public List<PreparedDisk> prolog(VirtualMachine vm, VmDirectory dir) throws IOException {
        if (!vm.template().vectors("DISK").isEmpty() || vm.template().firstVector("CONTEXT") != null) {
            throw new IOException("prolog: this test transfer manager prepares no disks");
        }
        Files.createDirectories(dir.images());
        return List.of();
    }

    @Override
    public List<PreparedDisk> preparedDisks(VirtualMachine vm, VmDirectory dir) {
        return List.of();
    }

    @Override
    public void epilog(VirtualMachine vm, VmDirectory dir) throws IOException {
        VmDirectory.deleteTree(dir.images());
        Files.deleteIfExists(dir.checkpoint());
    }

    @Override
    public void epilogStop(VirtualMachine vm, VmDirectory dir) {
    }

    @Override
    public void discard(VirtualMachine vm, VmDirectory dir) {
        try {
            dir.delete();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
