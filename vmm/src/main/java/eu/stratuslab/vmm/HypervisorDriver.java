package eu.stratuslab.vmm;

import eu.stratuslab.vmm.domain.DomainSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One hypervisor node as seen by the core. Implementations are thread-safe; every call either
 * completes within the driver's deadline or fails with a {@link DriverException}.
 */
public interface HypervisorDriver extends AutoCloseable {

    /** Monitoring of the node (xmlrpc-api.md §7.3). */
    HostProbe probe() throws DriverException;

    /** Defines and starts the domain; returns its deploy id (libvirt: the domain name {@code one-<vmid>}). */
    String deploy(DomainSpec spec) throws DriverException;

    /** Asks the guest to power off (ACPI); returns at once. Completion is seen via status or events (SHUTOFF). */
    void shutdown(String deployId) throws DriverException;

    /** Hard power-off and undefine; succeeds when the domain is already gone. */
    void destroy(String deployId) throws DriverException;

    void reboot(String deployId) throws DriverException;

    void suspend(String deployId) throws DriverException;

    void resume(String deployId) throws DriverException;

    /** Saves the memory to {@code stateFile}; afterwards the domain no longer exists on the node. */
    void save(String deployId, Path stateFile) throws DriverException;

    /** Restores a domain saved by {@link #save}; returns its deploy id on this node. */
    String restore(Path stateFile) throws DriverException;

    /**
     * Restores a domain saved by {@link #save} whose name the caller knows; the state file may then
     * be a path on a remote node, which this machine cannot read. Returns its deploy id on this node.
     */
    default String restore(Path stateFile, String domainName) throws DriverException {
        return restore(stateFile);
    }

    /** Moves the domain to {@code target}; cold migration goes through save/restore. */
    void migrate(String deployId, HypervisorDriver target, boolean live) throws DriverException;

    /** The domain's state; {@link DomainStatus.State#MISSING} when the node does not know it. */
    DomainStatus status(String deployId) throws DriverException;

    /** Deploy ids of the {@code one-<n>} domains known to the node (running or defined). */
    Set<String> listDomains() throws DriverException;

    /**
     * Hot-plugs a disk into the running domain (and into its definition, so a guest reboot keeps it).
     * The target must be free in the domain.
     */
    default void attachDisk(String deployId, DomainSpec.Disk disk) throws DriverException {
        throw new DriverException("hot-plug of disks is not supported by the driver of " + deployId);
    }

    /** Unplugs the disk on {@code target} from the running domain and its definition. */
    default void detachDisk(String deployId, String target) throws DriverException {
        throw new DriverException("hot-plug of disks is not supported by the driver of " + deployId);
    }

    /** The domain's XML as the node describes it now (libvirt: the live description). */
    default String domainXml(String deployId) throws DriverException {
        throw new DriverException("the driver of " + deployId + " cannot describe domains");
    }

    /** The guest device names ({@code <target dev=…/>}) of the domain's disks and CD-ROMs. */
    default List<String> diskTargets(String deployId) throws DriverException {
        return eu.stratuslab.vmm.domain.DomainXml.diskTargets(domainXml(deployId));
    }

    /** Lifecycle events; listeners are called on a driver thread, never inside a driver call. */
    void addEventListener(DomainEventListener listener);

    @Override
    void close();
}
