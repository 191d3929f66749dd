package eu.stratuslab.hooks.context;

import java.nio.file.Path;

/**
 * A built context image and how to attach it (hooks.md §3.7): the ISO is a CD-ROM, the
 * cloud-init VFAT image a disk.
 *
 * @param file       the image file
 * @param cdrom      true for the ISO method (attach as CD-ROM), false for cloud-init (attach as disk)
 * @param driverType the libvirt driver type ({@code raw}, or {@code CONTEXT/DRIVER} for cloud-init)
 */
public record ContextDisk(Path file, boolean cdrom, String driverType) {
}
