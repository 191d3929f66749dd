package eu.stratuslab.hooks.node;

import eu.stratuslab.core.transfer.VmDirectory;
import eu.stratuslab.hooks.pdisk.PdiskClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node tool's steps (pdisk-api.md §11.1) for the front-end's own node, run in-process:
 * {@code --register --mark --attach --link --op up} and the reverse {@code --op down}. Up rolls back
 * its earlier steps when a later one fails. The transport is taken from the TURL: {@code file://}
 * volumes are linked as they are; iSCSI and RBD need the kernel initiator of a real node and are
 * refused with a clear message.
 */
public final class VolumeAttacher {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeAttacher.class);

    private final PdiskClient pdisk;
    private final String node;

    /** @param node the name pdisk records as the mount's node (the VM's host) */
    public VolumeAttacher(PdiskClient pdisk, String node) {
        this.pdisk = pdisk;
        this.node = node;
    }

    /**
     * Registers a static mount, appends the volume URI to the registration file and links
     * {@code images/<diskName>} to the volume. pdisk refuses a second writable attachment (409
     * {@code volume already mounted}); that text is the failure.
     *
     * @return the path the domain attaches
     */
    public Path up(String uuid, String turl, VmDirectory dir, String diskName) throws IOException {
        VolumeTransport transport = transport(turl);
        Path link = dir.images().resolve(diskName);
        new NodeVolume(pdisk, VolumeUri.parse(pdisk.volumeUri(uuid)), transport, null, LOG::debug)
                .up(new NodeVolume.Actions(false, true, true, true, true, null, false),
                        new NodeVolume.Place(node, dir.vmId(), dir.registrationFile(), link, null));
        return link; // the domain names the VM directory's link, as OpenNebula's disk.<i> convention wants
    }

    /**
     * Registers a static mount and appends the volume URI to the registration file, without a device on
     * this node: for volumes the hypervisor opens itself ({@link NetworkVolumes}). {@link #down} undoes it.
     */
    public void registerOnly(String uuid, VmDirectory dir) throws IOException {
        new NodeVolume(pdisk, VolumeUri.parse(pdisk.volumeUri(uuid)), null, null, LOG::debug)
                .up(new NodeVolume.Actions(false, true, false, true, false, null, false),
                        new NodeVolume.Place(node, dir.vmId(), dir.registrationFile(), null, null));
    }

    /** Unlinks, removes the URI from the registration file and unregisters the mount; every step is tried. */
    public void down(String uuid, VmDirectory dir, String diskName) throws IOException {
        new NodeVolume(pdisk, VolumeUri.parse(pdisk.volumeUri(uuid)), null, null, LOG::debug)
                .down(new NodeVolume.Actions(false, true, false, true, diskName != null, null, false),
                        new NodeVolume.Place(node, dir.vmId(), dir.registrationFile(),
                                diskName == null ? null : dir.images().resolve(diskName), null));
    }

    /** The block device or file of a TURL (pdisk-api.md §9) on this node. */
    static Path device(String turl) throws IOException {
        return transport(turl).attach();
    }

    /** Only {@code file://} volumes can be reached from the front-end's own node. */
    private static VolumeTransport transport(String turl) throws IOException {
        URI u = URI.create(turl.strip());
        if ("file".equalsIgnoreCase(u.getScheme())) {
            return VolumeTransport.of(turl, NodeHostConfig.defaults(), null);
        }
        throw new IOException("cannot attach " + turl + " on this node: the " + u.getScheme()
                + " transport needs the node tool on a hypervisor host with an initiator");
    }
}
