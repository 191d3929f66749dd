package eu.stratuslab.pdisk.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import eu.stratuslab.pdisk.db.MountRepository;
import eu.stratuslab.pdisk.model.Disk;
import eu.stratuslab.pdisk.model.DiskType;
import eu.stratuslab.pdisk.model.Mount;
import eu.stratuslab.pdisk.model.VmInstance;

/**
 * Attach, register and detach (pdisk-api.md §5.9–§5.12). The single-attach rule is enforced
 * here, under the disk's lock, so of many concurrent attach requests for one read-write disk
 * exactly one succeeds.
 */
public final class MountService {

    private static final Logger LOG = LoggerFactory.getLogger(MountService.class);
    private static final Pattern VM_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /**
     * A host name, an address, or the libvirt URI a cloud host may be named by ({@code test:///default},
     * {@code qemu+ssh://node/system}); never a space or a shell metacharacter.
     */
    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9.:\\[\\]_/+@-]{1,255}");

    private final DiskService disks;
    private final MountRepository mounts;
    private final DiskLocks locks;
    private final NodeHotplug hotplug;
    private final boolean cloudMode;
    private volatile VmHotplug cloud;

    /**
     * @param cloudMode attach/detach go through the cloud's {@link VmHotplug} (set with
     *                  {@link #useCloudHotplug}) instead of the node tool over ssh
     */
    public MountService(DiskService disks, MountRepository mounts, DiskLocks locks, NodeHotplug hotplug,
                        boolean cloudMode) {
        this.disks = disks;
        this.mounts = mounts;
        this.locks = locks;
        this.hotplug = hotplug;
        this.cloudMode = cloudMode;
    }

    /** The cloud's hot-plug (its VM manager), used when the configuration says {@code cloud}. */
    public void useCloudHotplug(VmHotplug hotplug) {
        this.cloud = hotplug;
    }

    /** Result of attach/detach, rendered by the HTTP layer. */
    public record MountResult(Mount mount, String node) {
    }

    public List<Mount> list(String uuid) {
        disks.find(uuid).orElseThrow(() -> PdiskException.notFound("Unknown disk: " + uuid));
        return mounts.listForDisk(uuid);
    }

    /** The VM ids pdisk has mounts (or had, for a recorded instance) for, for the cloud's reconciliation. */
    public List<String> instances() {
        return mounts.listInstances().stream().map(VmInstance::vmId).toList();
    }

    /** Every mount of one VM instance, of any disk. */
    public List<Mount> listForInstance(String vmId) {
        return mounts.listForInstance(vmId);
    }

    /**
     * Removes a mount record and nothing else (no node, no hot-plug), under the disk's lock: what the
     * cloud's start-up reconciliation does for a mount whose VM is DONE, or that a crash left behind
     * after the device was already unplugged.
     *
     * @return whether the record was there
     */
    public boolean forget(String uuid, String mountId) {
        return locks.withLock(uuid, () -> {
            boolean removed = mounts.find(mountId).filter(m -> m.diskUuid().equals(uuid)).isPresent()
                    && mounts.delete(mountId);
            if (removed) {
                LOG.info("forgot mount {} of {} (reconciliation)", mountId, uuid);
            }
            return removed;
        });
    }

    public Mount get(String uuid, String mountId) {
        disks.find(uuid).orElseThrow(() -> PdiskException.notFound("Unknown disk: " + uuid));
        return mounts.find(mountId).filter(m -> m.diskUuid().equals(uuid))
                .orElseThrow(() -> PdiskException.notFound("mount (" + mountId + ") does not exist"));
    }

    public MountResult attach(Caller caller, String uuid, Map<String, String> form, String pdiskUri) {
        String node = form.get("node");
        String vmId = form.get("vm_id");
        if (node == null || node.isBlank()) {
            throw PdiskException.badRequest("missing node attribute");
        }
        if (vmId == null || vmId.isBlank()) {
            throw PdiskException.badRequest("missing vm_id attribute");
        }
        if (!NODE.matcher(node).matches()) {
            throw PdiskException.badRequest("invalid node attribute: " + node);
        }
        if (!VM_ID.matcher(vmId).matches()) {
            throw PdiskException.badRequest("invalid vm_id attribute: " + vmId);
        }
        boolean registerOnly = "true".equalsIgnoreCase(form.getOrDefault("register_only", ""));
        Disk disk = disks.find(uuid).orElseThrow(() -> PdiskException.notFound("disk (" + uuid + ") does not exist"));
        if (!AccessRules.canView(caller, disk)) {
            throw PdiskException.forbidden("Not enough rights to attach disk");
        }
        return locks.withLock(uuid, () -> {
            String mountId = Mount.idFor(uuid, vmId);
            List<Mount> existing = mounts.listForDisk(uuid);
            if (existing.stream().anyMatch(m -> m.id().equals(mountId))) {
                throw PdiskException.forbidden("Mount already exists for: " + vmId + " and " + uuid);
            }
            if (!existing.isEmpty() && disk.type() != DiskType.DATA_IMAGE_RAW_READONLY) {
                throw PdiskException.conflict("volume already mounted");
            }
            String device;
            if (registerOnly) {
                device = Mount.STATIC_DEVICE;
            } else if (cloudMode) {
                device = cloudAttach(caller, vmId, disk, pdiskUri);
            } else {
                device = freeDevice(vmId);
                hotplug.attach(node, pdiskUri, device, vmId, disks.turl(uuid), uuid);
            }
            VmInstance instance = mounts.findInstance(vmId)
                    .map(i -> new VmInstance(i.vmId(), node, i.owner(), i.timestamp()))
                    .orElseGet(() -> new VmInstance(vmId, node, caller.identity(), Instant.now()));
            Mount mount = new Mount(mountId, uuid, vmId, device, Instant.now());
            try {
                mounts.insert(mount, instance);
            } catch (RuntimeException e) {
                if (!registerOnly) {
                    detachQuietly(node, pdiskUri, device, vmId, uuid);
                }
                throw e;
            }
            LOG.info("mounted {} on VM {} ({}) at {}", uuid, vmId, node, device);
            return new MountResult(mount, node);
        });
    }

    /** Devices count down from vdz so the VM's boot disks (vda, ...) stay free. */
    private String freeDevice(String vmId) {
        return freeDevices(vmId).get(0);
    }

    /** Every device from vdz downwards that no other mount of the instance uses; 409 when none. */
    private List<String> freeDevices(String vmId) {
        Set<String> used = new HashSet<>();
        for (Mount m : mounts.listForInstance(vmId)) {
            used.add(m.device());
        }
        List<String> free = new ArrayList<>();
        for (char c = 'z'; c >= 'a'; c--) {
            String dev = "vd" + c;
            if (!used.contains(dev)) {
                free.add(dev);
            }
        }
        if (free.isEmpty()) {
            throw PdiskException.conflict("no free devices available");
        }
        return free;
    }

    /**
     * pdisk-api.md §11.3 through the cloud: the VM must be RUNNING and the caller's (superuser: any);
     * the device is plugged into the domain (first of the free devices the domain does not use) before
     * the mount is stored. A refusal changes nothing.
     */
    private String cloudAttach(Caller caller, String vmId, Disk disk, String pdiskUri) {
        VmHotplug h = cloud;
        if (h == null) {
            throw new PdiskException(503, "hot-plug is not available: the cloud's VM manager is not running");
        }
        VmHotplug.Volume volume = new VmHotplug.Volume(disk.uuid(), pdiskUri, disks.turl(disk.uuid()),
                disk.type() == DiskType.DATA_IMAGE_RAW_READONLY);
        return h.attach(caller, vmId, volume, freeDevices(vmId));
    }

    public MountResult detach(Caller caller, String uuid, String mountId, boolean metadataOnly, String pdiskUri) {
        Disk disk = disks.find(uuid).orElseThrow(() -> PdiskException.notFound("unknown disk: " + uuid));
        return locks.withLock(uuid, () -> {
            Mount mount = mounts.find(mountId).filter(m -> m.diskUuid().equals(uuid))
                    .orElseThrow(() -> PdiskException.notFound("mount (" + mountId + ") does not exist"));
            VmInstance instance = mounts.findInstance(mount.vmId()).orElse(null);
            boolean allowed = caller.superuser() || caller.owns(disk.owner())
                    || (instance != null && caller.owns(instance.owner()));
            if (!allowed) {
                throw PdiskException.forbidden("insufficient rights to detach disk");
            }
            String node = instance == null ? "" : instance.node();
            if (!mount.isStatic() && !metadataOnly && instance != null) {
                detachQuietly(node, pdiskUri, mount.device(), mount.vmId(), uuid);
            }
            mounts.delete(mountId);
            LOG.info("unmounted {} from VM {}", uuid, mount.vmId());
            return new MountResult(mount, node);
        });
    }

    /** Node-side detach failures are logged and ignored; the mount row is removed regardless (§5.12). */
    private void detachQuietly(String node, String pdiskUri, String device, String vmId, String uuid) {
        if (cloudMode) {
            VmHotplug h = cloud;
            if (h == null) {
                LOG.warn("hot-plug not available: {} stays plugged into VM {} until it stops", uuid, vmId);
                return;
            }
            try {
                h.detach(vmId, new VmHotplug.Volume(uuid, pdiskUri, disks.turl(uuid), false), device);
            } catch (RuntimeException e) {
                LOG.warn("detach of {} from VM {} failed (ignored): {}", uuid, vmId, e.getMessage());
            }
            return;
        }
        try {
            hotplug.detach(node, pdiskUri, device, vmId, disks.turl(uuid), uuid);
        } catch (RuntimeException e) {
            LOG.warn("node-side detach of {} from VM {} on {} failed (ignored): {}", uuid, vmId, node, e.getMessage());
        }
    }
}
