package eu.stratuslab.vmmanager;

import eu.stratuslab.vmm.DomainStatus;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * ACPI shutdowns in progress. A shutdown ends when the domain is seen stopped — by a domain event
 * or by the status poll every {@code poll} — or when its deadline passes; each ends exactly once,
 * and no worker thread waits meanwhile.
 */
final class ShutdownWatches {
    /** How a watched shutdown ended. */
    enum Outcome { STOPPED, TIMED_OUT }

    interface Probe {
        /** The domain's state now (called on a worker). */
        DomainStatus.State state() throws Exception;
    }

    interface Completion {
        void done(Outcome outcome);
    }

    private final class Watch {
        final String hostName;
        final long deadlineNanos;
        final Probe probe;
        final Completion completion;
        final AtomicBoolean ended = new AtomicBoolean();
        final AtomicBoolean polling = new AtomicBoolean();
        volatile ScheduledFuture<?> ticker;

        Watch(String hostName, long deadlineNanos, Probe probe, Completion completion) {
            this.hostName = hostName;
            this.deadlineNanos = deadlineNanos;
            this.probe = probe;
            this.completion = completion;
        }
    }

    private final Map<Integer, Watch> watches = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final java.util.concurrent.Executor workers;
    private final Duration poll;

    ShutdownWatches(ScheduledExecutorService timer, java.util.concurrent.Executor workers, Duration poll) {
        this.timer = timer;
        this.workers = workers;
        this.poll = poll;
    }

    void watch(int vmId, String hostName, Duration timeout, Probe probe, Completion completion) {
        Watch w = new Watch(hostName, System.nanoTime() + timeout.toNanos(), probe, completion);
        Watch previous = watches.put(vmId, w);
        if (previous != null) {
            cancel(previous);
        }
        long period = Math.max(10, poll.toMillis());
        w.ticker = timer.scheduleWithFixedDelay(() -> tick(vmId, w), period, period, TimeUnit.MILLISECONDS);
    }

    boolean isWatched(int vmId) {
        return watches.containsKey(vmId);
    }

    /** A domain event: a stopped domain ends its shutdown at once. */
    void onEvent(int vmId, String hostName, DomainStatus.State state) {
        Watch w = watches.get(vmId);
        if (w != null && w.hostName.equals(hostName) && stopped(state)) {
            end(vmId, w, Outcome.STOPPED);
        }
    }

    /** Forgets a watch without completing it (the VM was cleaned up meanwhile). */
    void forget(int vmId) {
        Watch w = watches.remove(vmId);
        if (w != null) {
            cancel(w);
        }
    }

    static boolean stopped(DomainStatus.State s) {
        return s == DomainStatus.State.SHUTOFF || s == DomainStatus.State.MISSING || s == DomainStatus.State.CRASHED;
    }

    private void tick(int vmId, Watch w) {
        if (w.ended.get()) {
            return;
        }
        if (System.nanoTime() - w.deadlineNanos >= 0) {
            end(vmId, w, Outcome.TIMED_OUT);
            return;
        }
        if (!w.polling.compareAndSet(false, true)) {
            return; // the previous status call is still running
        }
        try {
            workers.execute(() -> {
                try {
                    if (stopped(w.probe.state())) {
                        end(vmId, w, Outcome.STOPPED);
                    }
                } catch (Exception e) {
                    // a failing status call is retried at the next tick; the deadline still holds
                } finally {
                    w.polling.set(false);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            w.polling.set(false);
        }
    }

    private void end(int vmId, Watch w, Outcome outcome) {
        if (!w.ended.compareAndSet(false, true)) {
            return;
        }
        watches.remove(vmId, w);
        cancel(w);
        try {
            workers.execute(() -> w.completion.done(outcome));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            w.completion.done(outcome);
        }
    }

    private static void cancel(Watch w) {
        w.ended.set(true);
        ScheduledFuture<?> t = w.ticker;
        if (t != null) {
            t.cancel(false);
        }
    }
}
