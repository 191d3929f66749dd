package eu.stratuslab.cloud;

import eu.stratuslab.core.transfer.HotplugException;
import eu.stratuslab.core.transfer.RegistrationFile;
import eu.stratuslab.core.transfer.VmDirectory;
import eu.stratuslab.core.transfer.VolumeHotplug;
import eu.stratuslab.core.vm.LcmState;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmPool;
import eu.stratuslab.core.vm.VmState;
import eu.stratuslab.pdisk.model.Mount;
import eu.stratuslab.pdisk.service.MountService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up reconciliation of pdisk's mounts with the VMs, after a crash (kill -9) of the cloud. It
 * runs once the VM manager reconciled the VMs with their hosts and before pdisk's hot-plug is
 * enabled, so no attach or detach through pdisk runs meanwhile (pdisk answers 503 until then).
 *
 * <ul>
 *   <li>A mount of a VM that is DONE is forgotten: the epilog unplugged the device and the VM
 *       directory is gone, so the record could only keep the volume from being attached again.</li>
 *   <li>A RUNNING VM's registration file lists a volume pdisk has no mount for: a hot-plug that was
 *       plugged into the domain but never recorded (pdisk records a mount only after the plug
 *       returned). The caller never got an answer, so the plug is undone: unplugged from the domain,
 *       unlinked and unregistered. Without this the volume would be in the guest yet free in pdisk,
 *       and a second writable attach would succeed. (Volumes at boot are recorded before they are
 *       registered, so they never show this state.)</li>
 *   <li>A RUNNING VM has a hot-plug mount (not {@code static}) that its registration file does not
 *       list: a detach that unplugged the device but died before pdisk deleted the record. It is
 *       forgotten.</li>
 * </ul>
 * VMs in any other state (PROLOG, EPILOG, …) are left to the VM manager, which resumes their
 * operation with its own crash recovery.
 *
 * @param varDir the VM directories, where each VM's registration file is
 */
record VolumeReconciliation(VmPool vms, Path varDir, MountService mounts, VolumeHotplug hotplug) {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeReconciliation.class);

    /** What the run changed: mount ids forgotten, volumes unplugged. */
    record Report(List<String> forgotten, List<String> unplugged) {
        @Override
        public String toString() {
            return "forgotten=" + forgotten + " unplugged=" + unplugged;
        }
    }

    Report run() {
        List<String> forgotten = new ArrayList<>();
        List<String> unplugged = new ArrayList<>();
        List<String> instancesWithMounts = mounts.instances();
        for (String instance : instancesWithMounts) {
            VirtualMachine vm = vmOf(instance);
            if (vm != null && vm.state() == VmState.DONE) {
                for (Mount m : mounts.listForInstance(instance)) {
                    if (mounts.forget(m.diskUuid(), m.id())) {
                        forgotten.add(m.id());
                    }
                }
            }
        }
        // one query for all, not one per VM: with thousands of RUNNING VMs the start waited on them
        Set<String> mountedInstances = new HashSet<>(instancesWithMounts);
        for (VirtualMachine vm : vms.all()) {
            if (vm.is(LcmState.RUNNING)) {
                reconcileRunning(vm, mountedInstances.contains(Integer.toString(vm.id())), forgotten, unplugged);
            }
        }
        Report report = new Report(List.copyOf(forgotten), List.copyOf(unplugged));
        if (!forgotten.isEmpty() || !unplugged.isEmpty()) {
            LOG.warn("volume reconciliation after an unclean stop: {}", report);
        }
        return report;
    }

    private void reconcileRunning(VirtualMachine vm, boolean hasMounts, List<String> forgotten,
                                  List<String> unplugged) {
        String vmId = Integer.toString(vm.id());
        List<String> uris;
        try {
            uris = new RegistrationFile(VmDirectory.of(varDir, vm.id()).registrationFile()).uris();
        } catch (IOException e) {
            LOG.warn("VM {}: cannot read its registration file, its volumes are not reconciled: {}", vmId,
                    e.getMessage());
            return;
        }
        List<Mount> recorded = hasMounts ? mounts.listForInstance(vmId) : List.of();
        Set<String> mounted = new HashSet<>();
        recorded.forEach(m -> mounted.add(m.diskUuid()));
        Set<String> registered = new HashSet<>();
        for (String uri : uris) {
            String uuid = RegistrationFile.volumeOf(uri);
            registered.add(uuid);
            if (!mounted.contains(uuid)) {
                try {
                    hotplug.detach(vmId, new VolumeHotplug.Volume(uuid, uri, null, false), null);
                    unplugged.add(uuid + "_" + vmId);
                } catch (HotplugException e) {
                    LOG.warn("VM {}: cannot undo the unrecorded hot-plug of {}: {}", vmId, uuid, e.getMessage());
                }
            }
        }
        for (Mount m : recorded) {
            if (!m.isStatic() && !registered.contains(m.diskUuid()) && mounts.forget(m.diskUuid(), m.id())) {
                forgotten.add(m.id());
            }
        }
    }

    private VirtualMachine vmOf(String instance) {
        try {
            return vms.find(Integer.parseInt(instance));
        } catch (NumberFormatException e) {
            return null; // not a VM id of this cloud
        }
    }
}
