package eu.stratuslab.cloud;

import eu.stratuslab.core.transfer.HotplugException;
import eu.stratuslab.core.transfer.VolumeHotplug;
import eu.stratuslab.pdisk.service.Caller;
import eu.stratuslab.pdisk.service.PdiskException;
import eu.stratuslab.pdisk.service.VmHotplug;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * pdisk's {@link VmHotplug} backed by the cloud's VM manager ({@link VolumeHotplug}): pdisk and the
 * core know nothing of each other, the launcher joins them here. A refusal becomes the HTTP status
 * and message the pdisk caller gets.
 */
final class PdiskVmHotplug implements VmHotplug {
    private final VolumeHotplug hotplug;

    PdiskVmHotplug(VolumeHotplug hotplug) {
        this.hotplug = hotplug;
    }

    @Override
    public String attach(Caller caller, String vmId, Volume volume, List<String> candidates) {
        Set<String> names = new HashSet<>(List.of(caller.identity(), caller.accountName())); // often equal
        try {
            return hotplug.attach(new VolumeHotplug.Caller(names, caller.superuser()), vmId, of(volume), candidates);
        } catch (HotplugException e) {
            int status = switch (e.reason()) {
                case UNKNOWN_VM -> 404;
                case FORBIDDEN -> 403;
                case CONFLICT -> 409;
                case FAILED -> 500;
            };
            throw new PdiskException(status, status == 500 ? "Unable to attach persistent disk: " + e.getMessage()
                    : e.getMessage(), e);
        }
    }

    @Override
    public void detach(String vmId, Volume volume, String target) {
        try {
            hotplug.detach(vmId, of(volume), target);
        } catch (HotplugException e) {
            throw new PdiskException(500, "Unable to detach persistent disk: " + e.getMessage(), e);
        }
    }

    private static VolumeHotplug.Volume of(Volume v) {
        return new VolumeHotplug.Volume(v.uuid(), v.pdiskUri(), v.turl(), v.readOnly());
    }
}
