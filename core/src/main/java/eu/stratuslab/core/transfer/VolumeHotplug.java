package eu.stratuslab.core.transfer;

import java.util.List;
import java.util.Set;

/**
 * Hot-plug of a persistent volume into a running VM (pdisk-api.md §11.3, legacy-cli.md §4.13): what
 * pdisk calls when a mount is attached or detached through its API, so the device really reaches
 * (or leaves) the guest. The VM manager implements it with the hypervisor driver of the VM's host;
 * the node-side steps of the node tool ({@code --attach --mark --link --mount}) run in-process for
 * the cloud's own node. pdisk records the mount only after {@link #attach} returned.
 */
public interface VolumeHotplug {

    /**
     * Who asks: the pdisk caller's names (identity and account name) and whether it is pdisk's
     * superuser, who may attach to any VM.
     */
    record Caller(Set<String> names, boolean superuser) {
        public Caller {
            names = Set.copyOf(names);
        }
    }

    /**
     * One volume.
     *
     * @param uuid     pdisk volume uuid; also the name of its link in the VM's {@code images/}
     * @param pdiskUri the volume's URI for the registration file (pdisk-api.md §9)
     * @param turl     transport URL from pdisk's {@code getturl} ({@code file://…}, {@code iscsi://…}, …)
     * @param readOnly the guest may only read it ({@code DATA_IMAGE_RAW_READONLY})
     */
    record Volume(String uuid, String pdiskUri, String turl, boolean readOnly) {
    }

    /**
     * Checks that {@code vmId} is a RUNNING VM the caller may use, makes the volume visible on the
     * VM's node, registers it in the VM's registration file and plugs it into the domain on the
     * first of {@code candidates} that the domain does not use. On any failure nothing is left.
     *
     * @param candidates guest device names in order of preference (pdisk: {@code vdz} downwards)
     * @return the device the guest got
     */
    String attach(Caller caller, String vmId, Volume volume, List<String> candidates) throws HotplugException;

    /**
     * Unplugs the volume from the domain (when the VM still runs), unlinks it on the node and
     * removes it from the registration file. A VM that is gone or no longer running is fine. A null
     * {@code target} means the device whose source is the volume's link, if the domain has one.
     */
    void detach(String vmId, Volume volume, String target) throws HotplugException;
}
