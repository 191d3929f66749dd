package eu.stratuslab.pdisk.service;

import java.time.Instant;
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
    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9.:\\[\\]_-]{1,255}");

    private final DiskService disks;
    private final MountRepository mounts;
    private final DiskLocks locks;
    private final NodeHotplug hotplug;

    public MountService(DiskService disks, MountRepository mounts, DiskLocks locks, NodeHotplug hotplug) {
        this.disks = disks;
        this.mounts = mounts;
        this.locks = locks;
        this.hotplug = hotplug;
    }

    /** Result of attach/detach, rendered by the HTTP layer. */
    public record MountResult(Mount mount, String node) {
    }

    public List<Mount> list(String uuid) {
        disks.find(uuid).orElseThrow(() -> PdiskException.notFound("Unknown disk: " + uuid));
        return mounts.listForDisk(uuid);
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
            String device = registerOnly ? Mount.STATIC_DEVICE : freeDevice(vmId);
            if (!registerOnly) {
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
        Set<String> used = new HashSet<>();
        for (Mount m : mounts.listForInstance(vmId)) {
            used.add(m.device());
        }
        for (char c = 'z'; c >= 'a'; c--) {
            String dev = "vd" + c;
            if (!used.contains(dev)) {
                return dev;
            }
        }
        throw PdiskException.conflict("no free devices available");
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
        try {
            hotplug.detach(node, pdiskUri, device, vmId, disks.turl(uuid), uuid);
        } catch (RuntimeException e) {
            LOG.warn("node-side detach of {} from VM {} on {} failed (ignored): {}", uuid, vmId, node, e.getMessage());
        }
    }
}
