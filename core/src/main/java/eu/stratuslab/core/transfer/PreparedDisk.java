package eu.stratuslab.core.transfer;

/**
 * One device the domain attaches, as the prolog prepared it on the VM's node.
 *
 * @param path       file or block device on the node ({@code <vmdir>/images/disk.<i>}, usually a link); for
 *                   a network disk the volume's TURL, for the record
 * @param target     guest device name (hda, vdb, ...)
 * @param driverType format the hypervisor must read ({@code raw}, {@code qcow2})
 * @param readOnly   the guest may not write
 * @param cdrom      attached as a CD-ROM rather than a disk
 * @param network    null for a node path; else the hypervisor itself reaches the volume over the network
 *                   (libvirt {@code <disk type='network'>}), e.g. an iSCSI LUN exported by pdisk
 */
public record PreparedDisk(String path, String target, String driverType, boolean readOnly, boolean cdrom,
                           NetworkSource network) {

    /** A disk on a node path. */
    public PreparedDisk(String path, String target, String driverType, boolean readOnly, boolean cdrom) {
        this(path, target, driverType, readOnly, cdrom, null);
    }

    /**
     * A volume the hypervisor opens itself (libvirt's {@code <source protocol=… name=…><host name=… port=…/>}).
     *
     * @param protocol libvirt's protocol name, e.g. {@code iscsi}
     * @param name     the protocol's volume name; for iSCSI {@code <target iqn>/<lun>}
     */
    public record NetworkSource(String protocol, String name, String host, int port) {
    }
}
