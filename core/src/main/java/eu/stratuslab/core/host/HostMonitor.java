package eu.stratuslab.core.host;

import eu.stratuslab.vmm.DriverException;
import eu.stratuslab.vmm.DriverRegistry;
import eu.stratuslab.vmm.HostProbe;
import eu.stratuslab.vmm.HypervisorDriver;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host manager's monitoring loop: probes every enabled host through its hypervisor driver at a
 * fixed interval, and at once after allocate/enable. A failed probe puts the host in ERROR; the
 * next good one brings it back to MONITORED. At most one probe per host runs at a time.
 */
public final class HostMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HostMonitor.class);
    private static final int PROBE_THREADS = 4;

    private final HostPool hosts;
    private final DriverRegistry drivers;
    private final ScheduledExecutorService timer;
    private final ExecutorService probes;
    private final Set<Integer> inFlight = ConcurrentHashMap.newKeySet();

    public HostMonitor(HostPool hosts, DriverRegistry drivers) {
        this.hosts = hosts;
        this.drivers = drivers;
        this.timer = Executors.newSingleThreadScheduledExecutor(threads("host-monitor-timer"));
        this.probes = Executors.newFixedThreadPool(PROBE_THREADS, threads("host-monitor-probe"));
        hosts.onProbeNeeded(this::probeSoon);
    }

    /** Starts periodic probing; a zero or negative interval leaves only the on-demand probes. */
    public void start(Duration interval) {
        if (interval != null && !interval.isZero() && !interval.isNegative()) {
            long ms = interval.toMillis();
            timer.scheduleWithFixedDelay(this::probeAll, 0, ms, TimeUnit.MILLISECONDS);
        } else {
            probeSoon(-1);
        }
    }

    /** Probes every host that is not DISABLED (hid -1) or one host, in the background. */
    public void probeSoon(int hid) {
        try {
            if (hid < 0) {
                probes.execute(this::probeAll);
            } else {
                probes.execute(() -> probeOnce(hid));
            }
        } catch (RejectedExecutionException e) {
            LOG.debug("monitor stopped; probe of host {} skipped", hid);
        }
    }

    private void probeAll() {
        for (Host h : hosts.all()) {
            if (h.state() != HostState.DISABLED) {
                probeSoon(h.id());
            }
        }
    }

    /** One probe, synchronously (also used by tests and the launcher's first start). */
    public void probeOnce(int hid) {
        if (!inFlight.add(hid)) {
            return;
        }
        try {
            Host h = hosts.byId(hid);
            if (h == null || h.state() == HostState.DISABLED) {
                return;
            }
            Map<String, String> attributes = new HashMap<>();
            String uri = h.attribute(DriverRegistry.LIBVIRT_URI);
            if (uri != null) {
                attributes.put(DriverRegistry.LIBVIRT_URI, uri);
            }
            HypervisorDriver driver = drivers.driverFor(h.name(), h.vmMad(), attributes);
            HostProbe probe = driver.probe();
            hosts.monitored(hid, probe);
        } catch (DriverException e) {
            hosts.monitoringFailed(hid, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("probe of host {} failed unexpectedly", hid, e);
            hosts.monitoringFailed(hid, String.valueOf(e.getMessage()));
        } finally {
            inFlight.remove(hid);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        probes.shutdownNow();
        try {
            probes.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
