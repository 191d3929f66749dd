package eu.stratuslab.hooks.save;

import eu.stratuslab.core.transfer.VmDirectory;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmLog;
import eu.stratuslab.infra.exec.CommandResult;
import eu.stratuslab.infra.exec.CommandRunner;
import eu.stratuslab.infra.exec.OneErrorMessage;
import eu.stratuslab.template.VectorAttribute;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The copy {@code one.vm.savedisk} asked for (xmlrpc-api.md §4.1), made at the epilog as OpenNebula
 * 3.2's TM did ({@code MV disk.<i> → SAVE_AS_SOURCE}): every DISK with {@code SAVE_AS} and
 * {@code SAVE_AS_SOURCE} is written to that path as one self-contained raw file ({@code qemu-img
 * convert}, so an overlay of a cached image or a local image carries its backing data), and the
 * image is made READY with that SOURCE. A VM that ends without an epilog (finalize) leaves the image
 * in ERROR.
 */
public final class DiskSaveAs {
    private final CommandRunner runner;
    private final Duration timeout;
    private final SavedDiskSink sink;
    private final VmLog log;

    public DiskSaveAs(CommandRunner runner, Duration timeout, SavedDiskSink sink, VmLog log) {
        this.runner = runner;
        this.timeout = timeout;
        this.sink = sink;
        this.log = log;
    }

    /** A DISK marked by savedisk. */
    record Marked(int diskId, int imageId, Path target) {
    }

    static List<Marked> marked(VirtualMachine vm) {
        List<Marked> out = new ArrayList<>();
        for (VectorAttribute disk : vm.template().vectors("DISK")) {
            String image = disk.get("SAVE_AS");
            String target = disk.get("SAVE_AS_SOURCE");
            String diskId = disk.get("DISK_ID");
            if (image == null || target == null || diskId == null || target.isBlank() || "-".equals(target.strip())) {
                continue;
            }
            try {
                out.add(new Marked(Integer.parseInt(diskId.strip()), Integer.parseInt(image.strip()),
                        Path.of(target.strip())));
            } catch (IllegalArgumentException e) {
                // not written by savedisk: nothing to do
            }
        }
        return out;
    }

    /** Copies every marked disk; each failure is returned (and the image set to ERROR), the others go on. */
    public List<String> save(VirtualMachine vm, VmDirectory dir) {
        List<String> errors = new ArrayList<>();
        for (Marked m : marked(vm)) {
            try {
                long bytes = copy(dir.disk(m.diskId()), m.target());
                sink.saved(m.imageId(), m.target(), bytes);
                log.info(vm.id(), "TM", "DISK " + m.diskId() + " saved as image " + m.imageId() + " (" + m.target() + ")");
            } catch (IOException | RuntimeException e) {
                String message = "cannot save DISK " + m.diskId() + " as image " + m.imageId() + ": " + e.getMessage();
                sink.failed(m.imageId(), message);
                errors.add(message);
            }
        }
        return errors;
    }

    /** The VM ends without an epilog: its marked images will never get their content. */
    public void abandon(VirtualMachine vm) {
        for (Marked m : marked(vm)) {
            sink.failed(m.imageId(), "VM " + vm.id() + " ended without saving DISK " + m.diskId());
            log.write(vm.id(), "TM", VmLog.Level.W, "DISK " + m.diskId() + " not saved as image " + m.imageId()
                    + ": the VM did not end through shutdown or cancel");
        }
    }

    private long copy(Path disk, Path target) throws IOException {
        if (!Files.exists(disk)) {
            throw new IOException("the VM has no " + disk);
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path part = target.resolveSibling(target.getFileName() + ".part");
        Files.deleteIfExists(part);
        CommandResult r;
        try {
            r = runner.run(List.of("qemu-img", "convert", "-O", "raw", disk.toRealPath().toString(), part.toString()),
                    timeout);
        } catch (RuntimeException e) { // the deadline
            Files.deleteIfExists(part);
            throw new IOException(e.getMessage(), e);
        }
        if (!r.succeeded()) {
            Files.deleteIfExists(part);
            throw new IOException(OneErrorMessage.extract(r.output()));
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return Files.size(target);
    }
}
