package eu.stratuslab.pdisk.service;

import java.util.List;

/**
 * How an attach or detach through the mounts API reaches a running VM when pdisk runs inside a
 * cloud ({@code disk.store.cloud.node.hotplug = cloud}, pdisk-api.md §11.3): the cloud's launcher
 * gives pdisk an implementation backed by its VM manager. pdisk stores the mount only after
 * {@link #attach} returned. Refusals and failures are {@link PdiskException}s carrying the HTTP
 * status and message the caller gets (404 unknown VM, 403 someone else's VM, 409 not running or no
 * free device, 500 node failure).
 */
public interface VmHotplug {

    /**
     * One volume.
     *
     * @param pdiskUri the volume's URI for the VM's registration file (pdisk-api.md §9)
     * @param turl     transport URL from the backend's {@code getturl}
     * @param readOnly {@code DATA_IMAGE_RAW_READONLY}: read-only in the guest
     */
    record Volume(String uuid, String pdiskUri, String turl, boolean readOnly) {
    }

    /**
     * Plugs the volume into the running VM on the first of {@code candidates} the domain does not use.
     *
     * @return the device the guest got
     */
    String attach(Caller caller, String vmId, Volume volume, List<String> candidates);

    /** Unplugs the volume from the VM (nothing to do when it no longer runs). */
    void detach(String vmId, Volume volume, String target);
}
