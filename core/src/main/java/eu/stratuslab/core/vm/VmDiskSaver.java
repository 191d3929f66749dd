package eu.stratuslab.core.vm;

import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.image.ImagePool;
import eu.stratuslab.template.Template;
import eu.stratuslab.template.VectorAttribute;
import java.nio.file.Path;

/**
 * {@code one.vm.savedisk} (xmlrpc-api.md §4.1): registers a new image (SOURCE {@code -}, LOCKED) for a
 * VM disk and marks the disk {@code SAVE_AS=<imageId>} and {@code SAVE_AS_SOURCE=<repository>/<imageId>},
 * as OpenNebula 3.2 did; the epilog of a {@code shutdown} or {@code cancel} copies the disk there and
 * the image becomes READY with that SOURCE. Refused with INTERNAL
 * {@code Can not save_as disk} for DONE or FAILED VMs, for a disk that already has SAVE_AS, for a
 * persistent disk and for a disk that does not exist; the image is then dropped again.
 *
 * @param repository the directory saved disks are copied to (the image repository)
 */
public record VmDiskSaver(VmPool vms, ImagePool images, Path repository) {
    static final String REFUSED = "Can not save_as disk";

    /** Where the epilog copies the disk saved as image {@code imageId}. */
    public static Path saveAsSource(Path repository, int imageId) {
        return repository.toAbsolutePath().resolve(Integer.toString(imageId));
    }

    /** Returns the new image id. */
    public int saveDisk(Caller owner, int vmId, int diskId, String imageName, String imageType) throws OneException {
        checkDisk(vms.get(vmId), diskId);
        Template image = new Template();
        image.set("NAME", imageName);
        image.set("SOURCE", "-");
        image.set("PUBLIC", "NO");
        image.set("SAVED_DISK_ID", Integer.toString(diskId));
        image.set("SAVED_VM_ID", Integer.toString(vmId));
        if (imageType != null && !imageType.isBlank()) {
            image.set("TYPE", imageType);
        }
        int imageId = images.allocate(owner, image);
        try {
            images.lockForSave(imageId);
            String source = saveAsSource(repository, imageId).toString();
            vms.update(vmId, d -> {
                VectorAttribute disk = checkDisk(d, diskId);
                disk.put("SAVE_AS", Integer.toString(imageId));
                disk.put("SAVE_AS_SOURCE", source);
            });
        } catch (OneException | RuntimeException e) {
            try {
                images.delete(imageId);
            } catch (OneException ignored) {
                // the image stays unused; nothing else refers to it
            }
            throw e;
        }
        return imageId;
    }

    private static VectorAttribute checkDisk(VirtualMachine vm, int diskId) throws OneException {
        if (vm.state() == VmState.DONE || vm.state() == VmState.FAILED) {
            throw OneException.internal(REFUSED);
        }
        String wanted = Integer.toString(diskId);
        for (VectorAttribute disk : vm.template().vectors("DISK")) {
            if (wanted.equals(disk.get("DISK_ID"))) {
                if (disk.get("SAVE_AS") != null || "yes".equalsIgnoreCase(disk.get("PERSISTENT"))) {
                    throw OneException.internal(REFUSED);
                }
                return disk;
            }
        }
        throw OneException.internal(REFUSED);
    }
}
