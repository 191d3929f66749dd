package eu.stratuslab.core.transfer;

/**
 * One device the domain attaches, as the prolog prepared it on the VM's node.
 *
 * @param path       file or block device on the node ({@code <vmdir>/images/disk.<i>}, usually a link)
 * @param target     guest device name (hda, vdb, ...)
 * @param driverType format the hypervisor must read ({@code raw}, {@code qcow2})
 * @param readOnly   the guest may not write
 * @param cdrom      attached as a CD-ROM rather than a disk
 */
public record PreparedDisk(String path, String target, String driverType, boolean readOnly, boolean cdrom) {
}
