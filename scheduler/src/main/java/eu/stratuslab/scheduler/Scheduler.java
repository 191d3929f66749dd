package eu.stratuslab.scheduler;

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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import eu.stratuslab.infra.metrics.Metrics;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler (OpenNebula's mm_sched, in process). One thread runs passes, so two passes never
 * run at once and never over-commit a host. Placement is incremental, so that a backlog of PENDING
 * VMs that fit nowhere costs nothing while nothing changes:
 * <ul>
 * <li>a VM that becomes PENDING (allocate, release, resume, resubmit, a deploy sent back) is an
 * <em>arrival</em>: the next pass tries the arrivals alone against the hosts as they are now;</li>
 * <li>the <em>backlog</em> (the first {@code MAX_VM} PENDING VMs in id order, as mm_sched took them)
 * is reconsidered only when a host may take more than before ({@link HostPool#addRoomListener}:
 * capacity released, a host added, enabled, updated or monitored with more room), at start, on
 * {@link #requestPass()} and every {@code SCHED_INTERVAL} (the safety net);</li>
 * <li>a pass that placed VMs but was cut short by {@code MAX_VM}, {@code MAX_DISPATCH} or
 * {@code MAX_HOST} is followed at once by another, so no VM waits for the periodic pass while a
 * host has room.</li>
 * </ul>
 * Requests that arrive during a pass coalesce into one more pass. A VM that was tried and fits
 * nowhere joins the backlog: since placing VMs only takes room, it cannot fit before some room is
 * given back, and that is an event.
 * <p>
 * With {@code SCHED_ON_EVENTS = no} events are ignored and, as mm_sched did, the first pass runs one
 * interval after the start and then every interval, each over the backlog.
 */
public final class Scheduler implements VmHookListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    /**
     * What a pass did, for tests and benchmarks.
     *
     * @param backlog    whether it looked at the backlog (else only at the arrivals)
     * @param considered VMs the placement looked at
     * @param deployed   VMs deployed
     */
    public record PassReport(boolean backlog, int considered, int deployed) {
    }

    private final VmPool vms;
    private final HostPool hosts;
    private final Lifecycle lifecycle;
    private final Placement placement;
    private final SchedulerSettings settings;
    private final Map<Integer, Set<Integer>> avoid = new ConcurrentHashMap<>();
    private final IntConsumer roomListener = hostId -> reconsiderBacklog();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    /** Guarded by lock: a pass is wanted. */
    private boolean requested;
    /** Guarded by lock: the next pass looks at the backlog. A new scheduler knows nothing yet. */
    private boolean backlogDue = true;
    /** Guarded by lock: ids of VMs that became PENDING since the last pass. */
    private final Set<Integer> arrivals = new TreeSet<>();
    private volatile boolean running;
    private Thread thread;
    private volatile long passes;
    private final Metrics metrics;
    public static final String PASS_METER = "stratuslab.scheduler.pass";
    public static final String PLACED_METER = "stratuslab.scheduler.placed";
    private volatile PassReport lastPass = new PassReport(false, 0, 0);

    public Scheduler(VmPool vms, HostPool hosts, Lifecycle lifecycle, Authorizer authorizer, SchedulerSettings settings) {
        this(vms, hosts, lifecycle, authorizer, settings, Metrics.none());
    }

    /** @param metrics times every pass ({@value #PASS_METER}) and counts the VMs it placed ({@value #PLACED_METER}) */
    public Scheduler(VmPool vms, HostPool hosts, Lifecycle lifecycle, Authorizer authorizer, SchedulerSettings settings,
                     Metrics metrics) {
        this.metrics = Metrics.orNone(metrics);
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
        hosts.addRoomListener(roomListener);
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        // due before the thread runs: its first pass is over the whole backlog, not over the
        // arrivals alone (a start pass that raced ahead of the request saw none: a flaky test)
        requestPass();
        thread = new Thread(this::loop, "scheduler");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Asks for a pass over the whole backlog as soon as possible; cheap, never blocks. Ignored with
     * {@code SCHED_ON_EVENTS = no} (the periodic pass will see the VMs).
     */
    public void requestPass() {
        reconsiderBacklog();
    }

    private void reconsiderBacklog() {
        if (settings.onEvents()) {
            lock.lock();
            try {
                backlogDue = true;
                requested = true;
                wake.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    /** {@code vmId} became PENDING: the next pass tries it (without the backlog, unless that is due anyway). */
    private void arrived(int vmId) {
        if (settings.onEvents()) {
            lock.lock();
            try {
                arrivals.add(vmId);
                requested = true;
                wake.signal();
            } finally {
                lock.unlock();
            }
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

    /** The last pass (a report with nothing considered before the first). */
    public PassReport lastPass() {
        return lastPass;
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
                if (!requested) {
                    backlogDue = true; // the periodic pass
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

    /**
     * One pass, over the backlog if it is due (or with {@code SCHED_ON_EVENTS = no}), else over the
     * arrivals only; public so that tests and benchmarks can drive it synchronously.
     *
     * @return the number of VMs deployed
     */
    public int runPass() {
        int deployed = metrics.time(PASS_METER, this::pass);
        metrics.count(PLACED_METER, deployed);
        return deployed;
    }

    private int pass() {
        boolean backlog;
        List<Integer> arrived;
        lock.lock();
        try {
            backlog = backlogDue || !settings.onEvents();
            backlogDue = false;
            arrived = new ArrayList<>(arrivals); // ascending id
            arrivals.clear(); // a backlog pass sees them among the PENDING VMs
        } finally {
            lock.unlock();
        }
        // One more than MAX_VM, so that the placement knows the pass was cut short by MAX_VM.
        List<VirtualMachine> candidates = backlog
                ? vms.inState(VmState.PENDING, settings.maxVm() > 0 ? settings.maxVm() + 1 : 0)
                : stillPending(arrived);
        int deployed = 0;
        int considered = 0;
        if (!candidates.isEmpty()) {
            Placement.Pass pass = placement.pass(candidates, hosts.all(), avoid);
            considered = pass.considered();
            Set<Integer> placed = new HashSet<>();
            for (Placement.Decision d : pass.decisions()) {
                placed.add(d.vmId());
                try {
                    lifecycle.deploy(d.vmId(), d.hostId());
                    deployed++;
                } catch (OneException e) {
                    // The VM left PENDING meanwhile (held, finalized) or the host vanished: skip it.
                    LOG.info("VM {} not deployed on host {}: {}", d.vmId(), d.hostId(), e.getMessage());
                }
            }
            if (settings.onEvents() && pass.limited()) {
                followUp(backlog, candidates, pass, placed, deployed > 0);
            }
        }
        lastPass = new PassReport(backlog, considered, deployed);
        passes++;
        return deployed;
    }

    /**
     * A pass cut short by the limits: with progress, the same VMs get another pass at once (the
     * room it did not use may take them); without, only the arrivals it never looked at do (those
     * it looked at fit nowhere).
     */
    private void followUp(boolean backlog, List<VirtualMachine> candidates, Placement.Pass pass, Set<Integer> placed,
                          boolean progress) {
        if (backlog) {
            if (progress) {
                reconsiderBacklog();
            }
            return;
        }
        List<VirtualMachine> again = progress ? candidates : candidates.subList(pass.considered(), candidates.size());
        lock.lock();
        try {
            for (VirtualMachine vm : again) {
                if (!placed.contains(vm.id())) {
                    arrivals.add(vm.id());
                    requested = true;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The arrivals that are still PENDING, ascending id. */
    private List<VirtualMachine> stillPending(List<Integer> ids) {
        List<VirtualMachine> out = new ArrayList<>(ids.size());
        for (int id : ids) {
            VirtualMachine vm = vms.find(id);
            if (vm != null && vm.state() == VmState.PENDING) {
                out.add(vm);
            }
        }
        return out;
    }

    @Override
    public void onCreate(VirtualMachine vm) {
        arrived(vm.id());
    }

    @Override
    public void onPending(VirtualMachine vm) {
        arrived(vm.id()); // release, resume of a STOPPED VM, resubmit: placed at once, like allocate
    }

    /** Room given back by a VM that leaves its host reaches the scheduler from the host pool (room listener). */
    @Override
    public void onDone(VirtualMachine vm) {
        avoid.remove(vm.id());
    }

    /** Hosts a VM may still be tried on, for the lifecycle's retry-or-fail decision. */
    public boolean hasOtherCandidate(VirtualMachine vm) {
        Set<Integer> tried = new HashSet<>(avoid.getOrDefault(vm.id(), Set.of()));
        return hosts.all().stream().anyMatch(h -> !tried.contains(h.id()) && h.state().code() < 3);
    }

    @Override
    public synchronized void close() {
        hosts.removeRoomListener(roomListener);
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
