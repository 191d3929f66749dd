package eu.stratuslab.vmmanager;


import eu.stratuslab.core.transfer.HotplugException;
import eu.stratuslab.core.transfer.HotplugException.Reason;
import eu.stratuslab.core.transfer.RegistrationFile;
import eu.stratuslab.core.transfer.VmDirectory;
import eu.stratuslab.core.transfer.VolumeHotplug;
import eu.stratuslab.core.vm.LcmState;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmLog;
import eu.stratuslab.core.vm.VmPool;
import eu.stratuslab.core.vm.VmState;
import eu.stratuslab.infra.config.WholeNumbers;
import eu.stratuslab.vmm.DeadlineCalls;
import eu.stratuslab.infra.fault.CrashPoint;
import eu.stratuslab.vmm.DriverException;
import eu.stratuslab.vmm.domain.DomainSpec;
import eu.stratuslab.vmm.domain.DomainXml;
import eu.stratuslab.vmmanager.node.NodeFiles;
import eu.stratuslab.vmmanager.node.SshNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link VolumeHotplug} with the hypervisor driver of the VM's host: the node tool's
 * {@code --attach --mark --link --mount} for the cloud's own node, in-process: the volume's TURL is
 * resolved to a file or device on this node, linked as {@code <vmdir>/images/<uuid>}, appended to the
 * registration file (so the epilog detaches it, hooks.md §4.1) and attached to the domain.
 *
 * <p>Locking: one lock per VM (striped), held only around driver calls and file edits, never while
 * calling pdisk; pdisk holds its per-disk lock while calling here, and the epilog calls pdisk while
 * holding the VM manager's own per-VM lock, so using that one here could deadlock. A VM that leaves
 * RUNNING while a volume is being plugged is seen by the check after the attach, which undoes it;
 * an epilog that started earlier has the volume in the registration file and unregisters it.
 *
 * <p>On a remote node (docs/remote-nodes.md) the linked file is copied into the node's VM directory
 * and that copy is plugged; the detach copies it back through the link into the volume.
 */
final class LibvirtVolumeHotplug implements VolumeHotplug {
    private static final Logger LOG = LoggerFactory.getLogger(LibvirtVolumeHotplug.class);
    private static final byte[] QCOW_MAGIC = {'Q', 'F', 'I', (byte) 0xfb};
    private static final int STRIPES = 64;

    private final VmPool vms;
    private final VmLog log;
    private final Path varDir;
    private final HostDrivers drivers;
    private final DeadlineCalls calls;
    private final VmManagerSettings settings;
    private final NodeFiles nodes;
    private final Object[] locks = new Object[STRIPES];

    LibvirtVolumeHotplug(VmPool vms, VmLog log, Path varDir, LibvirtVmOperations operations) {
        this.vms = vms;
        this.log = log;
        this.varDir = varDir;
        this.drivers = operations.drivers();
        this.calls = operations.calls();
        this.settings = operations.settings();
        this.nodes = operations.nodes();
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    @Override
    public String attach(Caller caller, String vmIdText, Volume volume, List<String> candidates)
            throws HotplugException {
        int id = vmId(vmIdText);
        synchronized (lock(id)) {
            VirtualMachine vm = runningVmOf(caller, id);
            Path device = device(volume.turl());
            HostDrivers.Binding b = binding(vm);
            String deployId = LibvirtVmOperations.deployId(vm);
            List<String> used = driverCall("list the disks of " + deployId, () -> b.driver().diskTargets(deployId));
            String target = candidates.stream().filter(c -> !used.contains(c)).findFirst()
                    .orElseThrow(() -> new HotplugException(Reason.CONFLICT, "no free devices available"));
            VmDirectory dir = VmDirectory.of(varDir, id);
            Path link = dir.images().resolve(volume.uuid());
            RegistrationFile registrations = new RegistrationFile(dir.registrationFile());
            try {
                Files.createDirectories(dir.images());
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, device);
                registrations.append(volume.pdiskUri());
            } catch (IOException e) {
                undoNodeSteps(id, link, registrations, volume.uuid());
                throw new HotplugException(Reason.FAILED, "cannot link " + volume.uuid() + " in " + dir.images()
                        + ": " + e.getMessage(), e);
            }
            SshNode node = node(b);
            String source = node == null ? link.toString() : nodeLink(id, volume.uuid());
            if (node != null) {
                try {
                    nodes.pushFile(node, link, source);
                } catch (IOException | RuntimeException e) {
                    undoNodeSteps(id, link, registrations, volume.uuid());
                    throw new HotplugException(Reason.FAILED, "cannot copy " + volume.uuid() + " to " + node + ": "
                            + e.getMessage(), e);
                }
            }
            DomainSpec.Disk disk = new DomainSpec.Disk(source, node == null && !Files.isRegularFile(link), target,
                    null, format(link), volume.readOnly(), false);
            try {
                driverCall("attach " + volume.uuid() + " to " + deployId, () -> {
                    b.driver().attachDisk(deployId, disk);
                    return null;
                });
            } catch (HotplugException e) {
                takeBack(id, node, source, link);
                undoNodeSteps(id, link, registrations, volume.uuid());
                throw e;
            }
            VirtualMachine now = vms.find(id);
            if (now == null || !now.is(LcmState.RUNNING)) { // it left RUNNING meanwhile (shutdown, stop)
                unplugQuietly(b, deployId, target);
                takeBack(id, node, source, link);
                undoNodeSteps(id, link, registrations, volume.uuid());
                throw new HotplugException(Reason.CONFLICT, "VM " + id + " is no longer running");
            }
            // plugged and registered on the node, not yet recorded by pdisk: the window a restart reconciles
            CrashPoint.reach("hotplug.attached");
            log.info(id, "VMM", "Volume " + volume.uuid() + " attached on " + target
                    + (volume.readOnly() ? " (read-only)" : ""));
            return target;
        }
    }

    @Override
    public void detach(String vmIdText, Volume volume, String target) throws HotplugException {
        int id;
        try {
            id = vmId(vmIdText);
        } catch (HotplugException e) {
            return; // never a VM of this cloud: nothing on any node
        }
        synchronized (lock(id)) {
            VirtualMachine vm = vms.find(id);
            HotplugException failure = null;
            VmDirectory dir = VmDirectory.of(varDir, id);
            if (vm != null && vm.is(LcmState.RUNNING)) {
                SshNode node = null;
                String source = null;
                try {
                    HostDrivers.Binding b = binding(vm);
                    node = node(b);
                    source = node == null ? dir.images().resolve(volume.uuid()).toString() : nodeLink(id, volume.uuid());
                    String deployId = LibvirtVmOperations.deployId(vm);
                    String device = target != null && !target.isBlank() ? target : targetOf(b, deployId, source);
                    if (device != null) {
                        driverCall("detach " + volume.uuid() + " from " + deployId, () -> {
                            b.driver().detachDisk(deployId, device);
                            return null;
                        });
                    }
                } catch (HotplugException e) {
                    failure = e;
                }
                if (node != null && failure == null) { // a failed copy throws before the node steps are undone
                    copyBack(node, source, dir.images().resolve(volume.uuid()), volume.uuid());
                }
            }
            undoNodeSteps(id, dir.images().resolve(volume.uuid()), new RegistrationFile(dir.registrationFile()),
                    volume.uuid());
            if (failure != null) {
                throw failure;
            }
            if (vm != null) {
                log.info(id, "VMM", "Volume " + volume.uuid() + " detached from " + target);
            }
        }
    }

    /**
     * The guest device of the domain's disk whose source is {@code link}, or null: a detach without a
     * known target (start-up reconciliation of a hot-plug that pdisk never recorded).
     */
    private String targetOf(HostDrivers.Binding b, String deployId, String source) throws HotplugException {
        String xml = driverCall("describe " + deployId, () -> b.driver().domainXml(deployId));
        return DomainXml.diskSources(xml).entrySet().stream()
                .filter(e -> e.getValue().equals(source))
                .map(java.util.Map.Entry::getKey).findFirst().orElse(null);
    }

    private VirtualMachine runningVmOf(Caller caller, int id) throws HotplugException {
        VirtualMachine vm = vms.find(id);
        if (vm == null) {
            throw new HotplugException(Reason.UNKNOWN_VM, "VM " + id + " does not exist");
        }
        if (!caller.superuser() && !caller.names().contains(vm.uname())) {
            throw new HotplugException(Reason.FORBIDDEN, "VM " + id + " does not belong to you");
        }
        if (!vm.is(LcmState.RUNNING)) {
            String state = vm.state() == VmState.ACTIVE ? "ACTIVE/" + vm.lcmState() : String.valueOf(vm.state());
            throw new HotplugException(Reason.CONFLICT, "VM " + id + " is not running (" + state + ")");
        }
        return vm;
    }

    private HostDrivers.Binding binding(VirtualMachine vm) throws HotplugException {
        try {
            return drivers.forHistory(vm.lastHistory());
        } catch (DriverException e) {
            throw new HotplugException(Reason.FAILED, "no driver for the host of VM " + vm.id() + ": "
                    + e.getMessage(), e);
        }
    }

    private <T> T driverCall(String what, DeadlineCalls.Call<T> call) throws HotplugException {
        try {
            return calls.call(what, settings.driverTimeout(), call);
        } catch (DriverException | RuntimeException e) {
            throw new HotplugException(Reason.FAILED, what + ": " + e.getMessage(), e);
        }
    }

    private void unplugQuietly(HostDrivers.Binding b, String deployId, String target) {
        try {
            calls.run("detach " + target + " from " + deployId, settings.driverTimeout(),
                    () -> b.driver().detachDisk(deployId, target));
        } catch (DriverException | RuntimeException e) {
            LOG.warn("cannot unplug {} from {}: {}", target, deployId, e.getMessage());
        }
    }

    private static SshNode node(HostDrivers.Binding b) throws HotplugException {
        try {
            return LibvirtVmOperations.remote(b);
        } catch (IOException e) {
            throw new HotplugException(Reason.FAILED, e.getMessage(), e);
        }
    }

    /** The copy of a hot-plugged volume in the VM's directory on its remote node. */
    private String nodeLink(int vmId, String uuid) {
        return nodes.onNode(vmId).images().resolve(uuid).toString();
    }

    /**
     * After the unplug, the node's copy (the guest's writes) goes back into the volume; when it cannot,
     * the detach fails here with link and registration kept, so that the epilog's copy of the whole
     * directory still brings the writes home.
     */
    private void copyBack(SshNode node, String source, Path link, String uuid) throws HotplugException {
        try {
            nodes.pullFile(node, source, link);
        } catch (IOException | RuntimeException e) {
            throw new HotplugException(Reason.FAILED, "cannot copy " + uuid + " back from " + node + ": "
                    + e.getMessage(), e);
        }
    }

    /** A remote node's copy of a volume goes back into the volume (through its link) and leaves the node. */
    private void takeBack(int vmId, SshNode node, String source, Path link) {
        if (node == null) {
            return;
        }
        try {
            nodes.pullFile(node, source, link);
        } catch (IOException | RuntimeException e) {
            log.error(vmId, "VMM", "cannot copy " + source + " back from " + node + ": " + e.getMessage());
        }
    }

    private static void undoNodeSteps(int vmId, Path link, RegistrationFile registrations, String uuid) {
        try {
            Files.deleteIfExists(link);
        } catch (IOException e) {
            LOG.warn("VM {}: cannot remove {}: {}", vmId, link, e.getMessage());
        }
        try {
            registrations.removeVolume(uuid);
        } catch (IOException e) {
            LOG.warn("VM {}: cannot unregister {}: {}", vmId, uuid, e.getMessage());
        }
    }

    /** The file or device of a TURL (pdisk-api.md §9) on this node. */
    static Path device(String turl) throws HotplugException {
        URI u;
        try {
            u = URI.create(turl.strip());
        } catch (IllegalArgumentException e) {
            throw new HotplugException(Reason.FAILED, "invalid transport URL " + turl);
        }
        if (!"file".equalsIgnoreCase(u.getScheme())) {
            throw new HotplugException(Reason.FAILED, "cannot attach " + turl + " on this node: the "
                    + u.getScheme() + " transport needs the node tool on a hypervisor host with an initiator");
        }
        Path p = Path.of(u.getPath());
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new HotplugException(Reason.FAILED, "volume file " + p + " does not exist on this node");
        }
        return p;
    }

    /** qcow2 files start with "QFI\xfb"; everything else (and devices) is raw. */
    private static String format(Path file) {
        if (!Files.isRegularFile(file)) {
            return "raw";
        }
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(head, 0, 4) == 4 && Arrays.equals(head, QCOW_MAGIC) ? "qcow2" : "raw";
        } catch (IOException e) {
            return "raw";
        }
    }

    private static int vmId(String text) throws HotplugException {
        return WholeNumbers.atLeast(text == null ? null : text.strip(), 0).orElseThrow(
                () -> new HotplugException(Reason.UNKNOWN_VM, "VM " + text + " does not exist"));
    }

    private Object lock(int vmId) {
        return locks[Math.floorMod(vmId, STRIPES)];
    }
}
