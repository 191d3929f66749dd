package eu.stratuslab.core.scheduler;

import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Authorizer;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.core.host.HostPool;
import eu.stratuslab.core.lifecycle.Lifecycle;
import eu.stratuslab.core.lifecycle.VmHookListener;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmPool;
import eu.stratuslab.core.vm.VmState;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler (OpenNebula's mm_sched, in process). One thread runs passes: whenever something
 * asks for one (a VM became PENDING, capacity was freed, a host was monitored) and at least every
 * {@code SCHED_INTERVAL}. Requests that arrive during a pass coalesce into one more pass. Because
 * only this thread places VMs, two passes never run at once and never over-commit a host.
 * <p>
 * With {@code SCHED_ON_EVENTS = no} events are ignored and, as mm_sched did, the first pass runs one
 * interval after the start and then every interval.
 */
public final class Scheduler implements VmHookListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private final VmPool vms;
    private final HostPool hosts;
    private final Lifecycle lifecycle;
    private final Placement placement;
    private final SchedulerSettings settings;
    private final Map<Integer, Set<Integer>> avoid = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean requested;
    private volatile boolean running;
    private Thread thread;
    private volatile long passes;

    public Scheduler(VmPool vms, HostPool hosts, Lifecycle lifecycle, Authorizer authorizer, SchedulerSettings settings) {
        this.vms = vms;
        this.hosts = hosts;
        this.lifecycle = lifecycle;
        this.settings = settings;
        this.placement = new Placement(settings, (uid, gid, hostId) -> {
            try {
                authorizer.authorizeUnowned(new Caller(uid, gid, ""), ObjectType.HOST, hostId, Right.MANAGE);
                return true;
            } catch (OneException e) {
                return false;
            }
        });
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "scheduler");
        thread.setDaemon(true);
        thread.start();
        requestPass();
    }

    /**
     * An event asks for a pass as soon as possible; cheap, never blocks. Ignored with
     * {@code SCHED_ON_EVENTS = no} (the periodic pass will see the VM).
     */
    public void requestPass() {
        if (settings.onEvents()) {
            wakeUp();
        }
    }

    private void wakeUp() {
        lock.lock();
        try {
            requested = true;
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    /** A deploy of {@code vmId} on {@code hostId} failed: later passes try the other hosts. */
    public void deployFailed(int vmId, int hostId) {
        avoid.computeIfAbsent(vmId, k -> ConcurrentHashMap.newKeySet()).add(hostId);
        requestPass();
    }

    /** Hosts where deploying {@code vmId} failed (empty when none). */
    public Set<Integer> avoidedHosts(int vmId) {
        return Set.copyOf(avoid.getOrDefault(vmId, Set.of()));
    }

    public long passes() {
        return passes;
    }

    private void loop() {
        long intervalNanos = settings.interval().toNanos();
        while (running) {
            lock.lock();
            try {
                long wait = intervalNanos;
                while (!requested && running && wait > 0) {
                    wait = wake.awaitNanos(wait);
                }
                requested = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            if (running) {
                try {
                    runPass();
                } catch (RuntimeException e) {
                    LOG.error("scheduling pass failed", e);
                }
            }
        }
    }

    /** One pass; public so that tests and benchmarks can drive it synchronously. */
    public int runPass() {
        List<VirtualMachine> pending = vms.inState(VmState.PENDING);
        pending.sort(Comparator.comparingInt(VirtualMachine::id));
        int deployed = 0;
        if (!pending.isEmpty()) {
            for (Placement.Decision d : placement.place(pending, hosts.all(), avoid)) {
                try {
                    lifecycle.deploy(d.vmId(), d.hostId());
                    deployed++;
                } catch (OneException e) {
                    // The VM left PENDING meanwhile (held, finalized) or the host vanished: skip it.
                    LOG.info("VM {} not deployed on host {}: {}", d.vmId(), d.hostId(), e.getMessage());
                }
            }
        }
        passes++;
        return deployed;
    }

    @Override
    public void onCreate(VirtualMachine vm) {
        requestPass();
    }

    @Override
    public void onPending(VirtualMachine vm) {
        requestPass(); // release, resume of a STOPPED VM, resubmit: placed at once, like allocate
    }

    @Override
    public void onDone(VirtualMachine vm) {
        avoid.remove(vm.id());
        requestPass();
    }

    @Override
    public void onStop(VirtualMachine vm) {
        requestPass();
    }

    @Override
    public void onFailed(VirtualMachine vm) {
        requestPass();
    }

    /** Hosts a VM may still be tried on, for the lifecycle's retry-or-fail decision. */
    public boolean hasOtherCandidate(VirtualMachine vm) {
        Set<Integer> tried = new HashSet<>(avoid.getOrDefault(vm.id(), Set.of()));
        return hosts.all().stream().anyMatch(h -> !tried.contains(h.id()) && h.state().code() < 3);
    }

    @Override
    public synchronized void close() {
        running = false;
        wakeUp();
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }
}
