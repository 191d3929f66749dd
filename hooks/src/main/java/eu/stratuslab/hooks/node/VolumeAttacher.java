package eu.stratuslab.hooks.node;

import eu.stratuslab.core.transfer.VmDirectory;
import eu.stratuslab.hooks.pdisk.PdiskClient;
import eu.stratuslab.hooks.pdisk.PdiskException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
        String uri = pdisk.volumeUri(uuid);
        Path device = device(turl);
        pdisk.register(uuid, node, dir.vmId());
        RegistrationFile registrations = new RegistrationFile(dir.registrationFile());
        try {
            registrations.append(uri);
            Path link = dir.images().resolve(diskName);
            Files.createDirectories(dir.images());
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, device);
            if (!Files.exists(link)) {
                throw new IOException("the link " + link + " to " + device + " is broken");
            }
            return link;
        } catch (IOException | RuntimeException e) {
            quietly(() -> registrations.remove(uri));
            quietly(() -> pdisk.unregister(uuid, dir.vmId()));
            throw e;
        }
    }

    /** Unlinks, removes the URI from the registration file and unregisters the mount; every step is tried. */
    public void down(String uuid, VmDirectory dir, String diskName) throws IOException {
        IOException first = null;
        try {
            if (diskName != null) {
                Files.deleteIfExists(dir.images().resolve(diskName));
            }
        } catch (IOException e) {
            first = e;
        }
        try {
            new RegistrationFile(dir.registrationFile()).remove(pdisk.volumeUri(uuid));
        } catch (IOException e) {
            first = first == null ? e : first;
        }
        try {
            pdisk.unregister(uuid, dir.vmId());
        } catch (PdiskException e) {
            first = first == null ? e : first;
        }
        if (first != null) {
            throw first;
        }
    }

    /** The block device or file of a TURL (pdisk-api.md §9) on this node. */
    static Path device(String turl) throws IOException {
        URI u = URI.create(turl.strip());
        if ("file".equalsIgnoreCase(u.getScheme())) {
            Path p = Path.of(u.getPath());
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("volume file " + p + " does not exist on this node");
            }
            return p;
        }
        throw new IOException("cannot attach " + turl + " on this node: the " + u.getScheme()
                + " transport needs the node tool on a hypervisor host with an initiator");
    }

    private interface Step {
        void run() throws IOException;
    }

    private static void quietly(Step step) {
        try {
            step.run();
        } catch (IOException | RuntimeException e) {
            LOG.warn("rollback step failed: {}", e.getMessage());
        }
    }
}
