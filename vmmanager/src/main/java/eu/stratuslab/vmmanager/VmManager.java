package eu.stratuslab.vmmanager;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.lifecycle.Lifecycle;
import eu.stratuslab.infra.metrics.Metrics;
import eu.stratuslab.scheduler.Scheduler;
import eu.stratuslab.scheduler.SchedulerSettings;
import eu.stratuslab.core.transfer.TransferManager;
import eu.stratuslab.core.transfer.VolumeHotplug;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of issue 3 ("VMs really run"): plugs the libvirt VM manager into a {@link Core}.
 * {@link #install} registers {@link LibvirtVmOperations} for the libvirt VMM names, starts the VM
 * monitor, reconciles the database with the hosts ({@link Reconciler}) and only then starts the
 * scheduler, so no VM is placed before the core knows what really runs. Close it before the core.
 *
 * @param operations    the VM operations registered for {@link #LIBVIRT_MADS}
 * @param monitor       the VM monitor, started
 * @param reconciler    what reconciled the database with the hosts at start (and does again on {@link #reconcile})
 * @param scheduler     the scheduler, started
 * @param startReport   what the start-up reconciliation did
 * @param volumeHotplug hot-plug of persistent volumes into running VMs, for pdisk's mounts API (pdisk-api.md §11.3)
 */
public record VmManager(LibvirtVmOperations operations, VmMonitor monitor, Reconciler reconciler, Scheduler scheduler,
                        Reconciler.Report startReport, VolumeHotplug volumeHotplug) implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VmManager.class);
    /** The VM_MAD names served by libvirt (vmm module's DriverRegistry knows the same). */
    public static final List<String> LIBVIRT_MADS = List.of("vmm_kvm", "kvm", "qemu", "libvirt", "vmm_libvirt");

    public static VmManager install(Core core, VmManagerSettings settings, SchedulerSettings schedulerSettings,
                                    TransferManager transfers) {
        return install(core, settings, schedulerSettings, transfers, Metrics.none());
    }

    /** As {@link #install(Core, VmManagerSettings, SchedulerSettings, TransferManager)}, the scheduler measured in {@code metrics}. */
    public static VmManager install(Core core, VmManagerSettings settings, SchedulerSettings schedulerSettings,
                                    TransferManager transfers, Metrics metrics) {
        Lifecycle lifecycle = core.lifecycle();
        LibvirtVmOperations ops = new LibvirtVmOperations(core.vms(), core.hosts(), core.drivers(), lifecycle.log(),
                core.settings().varDir(), settings, core.settings().rawAllowUsers(), transfers);
        for (String mad : LIBVIRT_MADS) {
            lifecycle.operations().register(mad, ops);
        }
        VmMonitor monitor = new VmMonitor(core.vms(), lifecycle.operations(), ops, lifecycle);
        Reconciler reconciler = new Reconciler(core.vms(), core.hosts(), lifecycle, ops);
        Reconciler.Report report = reconciler.reconcile();
        monitor.start(settings.monitorInterval());
        Scheduler scheduler = new Scheduler(core.vms(), core.hosts(), lifecycle, core.authorizer(), schedulerSettings,
                metrics);
        lifecycle.addHookListener(scheduler);
        lifecycle.setDeployFailurePolicy(new DeployRetry(scheduler));
        scheduler.start();
        LOG.info("libvirt VM manager installed for {}", LIBVIRT_MADS);
        VolumeHotplug hotplug = new LibvirtVolumeHotplug(core.vms(), lifecycle.log(), core.settings().varDir(), ops);
        return new VmManager(ops, monitor, reconciler, scheduler, report, hotplug);
    }

    /** Runs a reconciliation again (e.g. after a host came back). */
    public Reconciler.Report reconcile() {
        return reconciler.reconcile();
    }

    @Override
    public void close() {
        scheduler.close();
        monitor.close();
        operations.close();
    }
}
