package eu.stratuslab.vmmanager;

import eu.stratuslab.core.lifecycle.LifecycleEvents;
import eu.stratuslab.core.lifecycle.VmOperationsRegistry;
import eu.stratuslab.core.vm.HistoryRecord;
import eu.stratuslab.core.vm.LcmState;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmPool;
import eu.stratuslab.core.vm.VmState;
import eu.stratuslab.vmm.DomainStatus;
import eu.stratuslab.vmm.DriverException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Monitoring of running VMs (xmlrpc-api.md §8.2 step 5): every interval, one task per host asks
 * the driver for the status of each of its RUNNING VMs and reports MEMORY/CPU/NET
 * ({@code polled}), a vanished or stopped domain ({@code domainGone} → UNKNOWN) or a paused one
 * ({@code domainPaused} → SUSPENDED). A domain event for a RUNNING VM triggers the same check for
 * that VM at once, so a guest that powers itself off is noticed without waiting for the poll.
 *
 * <p>A failing status call (node unreachable) only logs: the host monitor puts the host in ERROR,
 * and failing every VM of a host for a network hiccup would be worse than waiting.
 */
public final class VmMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VmMonitor.class);

    private final VmPool vms;
    private final VmOperationsRegistry registry;
    private final LibvirtVmOperations ops;
    private final LifecycleEvents events;
    private final Set<String> hostsInFlight = ConcurrentHashMap.newKeySet();
    private final Set<Integer> vmsInFlight = ConcurrentHashMap.newKeySet();
    private volatile ScheduledFuture<?> periodic;

    VmMonitor(VmPool vms, VmOperationsRegistry registry, LibvirtVmOperations ops, LifecycleEvents events) {
        this.vms = vms;
        this.registry = registry;
        this.ops = ops;
        this.events = events;
        ops.onDomainEvents(this::checkSoon);
    }

    /** Starts the periodic polls; zero or negative interval: events only. */
    void start(Duration interval) {
        if (interval != null && !interval.isZero() && !interval.isNegative()) {
            long ms = interval.toMillis();
            periodic = ops.timer().scheduleWithFixedDelay(this::pollAll, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    /** One round over every host, in the background. */
    public void pollAll() {
        Map<String, List<VirtualMachine>> byHost = new LinkedHashMap<>();
        for (VirtualMachine vm : vms.inState(VmState.ACTIVE)) {
            HistoryRecord h = vm.lastHistory();
            if (vm.is(LcmState.RUNNING) && h != null && registry.forVm(vm) == ops) {
                byHost.computeIfAbsent(h.hid() + "|" + h.hostname(), k -> new ArrayList<>()).add(vm);
            }
        }
        byHost.forEach((host, list) -> {
            if (!hostsInFlight.add(host)) {
                return; // the previous round of this host is still running
            }
            try {
                ops.workers().execute(() -> {
                    try {
                        list.forEach(this::check);
                    } finally {
                        hostsInFlight.remove(host);
                    }
                });
            } catch (RejectedExecutionException e) {
                hostsInFlight.remove(host);
            }
        });
    }

    /** Checks one VM in the background (after a domain event). */
    public void checkSoon(int vmId) {
        if (!vmsInFlight.add(vmId)) {
            return;
        }
        try {
            ops.workers().execute(() -> {
                try {
                    VirtualMachine vm = vms.find(vmId);
                    if (vm != null) {
                        check(vm);
                    }
                } finally {
                    vmsInFlight.remove(vmId);
                }
            });
        } catch (RejectedExecutionException e) {
            vmsInFlight.remove(vmId);
        }
    }

    /** Checks one VM now, on the calling thread. */
    void check(VirtualMachine vm) {
        if (!vm.is(LcmState.RUNNING)) {
            return;
        }
        String deployId = LibvirtVmOperations.deployId(vm);
        DomainStatus s;
        try {
            HostDrivers.Binding b = ops.drivers().forHistory(vm.lastHistory());
            s = ops.calls().call("status", ops.settings().driverTimeout(), () -> b.driver().status(deployId));
        } catch (DriverException | RuntimeException e) {
            LOG.warn("VM {}: monitoring {} failed: {}", vm.id(), deployId, e.getMessage());
            return;
        }
        switch (s.state()) {
            case RUNNING, SHUTDOWN -> events.polled(vm.id(), s.memoryKb(), s.cpuPercent(), s.netTx(), s.netRx());
            case PAUSED -> events.domainPaused(vm.id());
            case SHUTOFF, MISSING, CRASHED -> events.domainGone(vm.id());
        }
    }

    @Override
    public void close() {
        ScheduledFuture<?> p = periodic;
        if (p != null) {
            p.cancel(false);
        }
    }
}
