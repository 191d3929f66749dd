package eu.stratuslab.vmmanager;

import eu.stratuslab.core.host.Host;
import eu.stratuslab.core.host.HostPool;
import eu.stratuslab.core.host.HostState;
import eu.stratuslab.core.lifecycle.Lifecycle;
import eu.stratuslab.core.lifecycle.VmOperationsRegistry;
import eu.stratuslab.core.vm.HistoryRecord;
import eu.stratuslab.core.vm.LcmState;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmPool;
import eu.stratuslab.core.vm.VmState;
import eu.stratuslab.vmm.DeployIds;
import eu.stratuslab.vmm.DomainStatus;
import eu.stratuslab.vmm.DriverException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash safety at start-up, after the pools are loaded and before the scheduler runs: makes the
 * database and the libvirt hosts agree again.
 * <ol>
 *   <li>Domains {@code one-<n>} on a host that the database does not know, or whose VM is not
 *       ACTIVE/SUSPENDED on that host (DONE, FAILED, PENDING …), are reported and destroyed.</li>
 *   <li>RUNNING VMs whose domain still runs stay RUNNING; the others become UNKNOWN
 *       ({@code domainGone}). A host that cannot be asked leaves its VMs as they are.</li>
 *   <li>VMs caught in PROLOG, BOOT, SHUTDOWN, CANCEL, SAVE_*, MIGRATE, EPILOG or CLEANUP get their
 *       operation re-issued ({@link Lifecycle#recover()}); the operations are written to be
 *       repeatable (a boot finds its domain already running, a save its checkpoint), and any
 *       that cannot finish reports a failure, so no VM stays in a transient state.</li>
 * </ol>
 */
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    /** What a reconciliation found and did. */
    public record Report(List<Integer> stillRunning, List<Integer> gone, List<Integer> resumed,
                         List<String> orphansDestroyed, List<String> errors) {
    }

    private final VmPool vms;
    private final HostPool hosts;
    private final Lifecycle lifecycle;
    private final VmOperationsRegistry registry;
    private final LibvirtVmOperations ops;

    Reconciler(VmPool vms, HostPool hosts, Lifecycle lifecycle, LibvirtVmOperations ops) {
        this.vms = vms;
        this.hosts = hosts;
        this.lifecycle = lifecycle;
        this.registry = lifecycle.operations();
        this.ops = ops;
    }

    public Report reconcile() {
        List<Integer> running = new ArrayList<>();
        List<Integer> gone = new ArrayList<>();
        List<Integer> resumed = new ArrayList<>();
        List<String> orphans = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        destroyOrphans(orphans, errors);
        for (VirtualMachine vm : vms.inState(VmState.ACTIVE)) {
            if (registry.forVm(vm) != ops) {
                continue;
            }
            if (vm.is(LcmState.RUNNING)) {
                checkRunning(vm, running, gone, errors);
            } else if (!vm.is(LcmState.UNKNOWN)) {
                resumed.add(vm.id());
            }
        }
        lifecycle.recover();
        Report r = new Report(List.copyOf(running), List.copyOf(gone), List.copyOf(resumed), List.copyOf(orphans),
                List.copyOf(errors));
        LOG.info("reconciled: {} running, {} gone (UNKNOWN), {} operations re-issued, orphan domains destroyed: {}{}",
                running.size(), gone.size(), resumed.size(), orphans, errors.isEmpty() ? "" : ", errors: " + errors);
        return r;
    }

    private void checkRunning(VirtualMachine vm, List<Integer> running, List<Integer> gone, List<String> errors) {
        String deployId = LibvirtVmOperations.deployId(vm);
        try {
            HostDrivers.Binding b = ops.drivers().forHistory(vm.lastHistory());
            DomainStatus.State s = ops.calls().call("status", ops.settings().driverTimeout(),
                    () -> b.driver().status(deployId)).state();
            if (ShutdownWatches.stopped(s)) {
                lifecycle.domainGone(vm.id());
                gone.add(vm.id());
            } else {
                running.add(vm.id());
            }
        } catch (DriverException | RuntimeException e) {
            errors.add("VM " + vm.id() + ": " + e.getMessage());
        }
    }

    private void destroyOrphans(List<String> orphans, List<String> errors) {
        for (Host host : hosts.all()) {
            if (host.state() == HostState.DISABLED || registry.forDriver(host.vmMad()) != ops) {
                continue;
            }
            try {
                HostDrivers.Binding b = ops.drivers().forHost(host);
                Set<String> domains = ops.calls().call("list domains", ops.settings().driverTimeout(),
                        () -> b.driver().listDomains());
                for (String d : domains) {
                    if (DeployIds.isOneDomain(d) && !belongsHere(d, host)) {
                        LOG.warn("host {}: domain {} is not known as an active VM there: destroying it", host.name(), d);
                        ops.calls().run("destroy", ops.settings().driverTimeout(), () -> b.driver().destroy(d));
                        orphans.add(host.name() + ":" + d);
                    }
                }
            } catch (DriverException | RuntimeException e) {
                errors.add("host " + host.name() + ": " + e.getMessage());
            }
        }
    }

    private boolean belongsHere(String domain, Host host) {
        VirtualMachine vm;
        try {
            vm = vms.find(Integer.parseInt(domain.substring(4)));
        } catch (NumberFormatException e) {
            return false;
        }
        if (vm == null || (vm.state() != VmState.ACTIVE && vm.state() != VmState.SUSPENDED)) {
            return false;
        }
        HistoryRecord last = vm.lastHistory();
        HistoryRecord prev = vm.previousHistory();
        return (last != null && last.hid() == host.id()) || (prev != null && prev.hid() == host.id()
                && (vm.is(LcmState.MIGRATE) || vm.is(LcmState.SAVE_MIGRATE)));
    }
}
