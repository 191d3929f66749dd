package eu.stratuslab.vmmanager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.vmm.DomainStatus;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.After;
import org.junit.Test;

/** The end of an ACPI shutdown: by poll, by event, or by the deadline; exactly once. */
public class ShutdownWatchesTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final ShutdownWatches watches = new ShutdownWatches(timer, workers, Duration.ofMillis(20));

    @After
    public void stop() {
        timer.shutdownNow();
        workers.shutdownNow();
    }

    @Test
    public void aGuestThatIgnoresAcpiTimesOut() throws Exception {
        LinkedBlockingQueue<ShutdownWatches.Outcome> done = new LinkedBlockingQueue<>();
        AtomicInteger polls = new AtomicInteger();
        long start = System.nanoTime();
        watches.watch(7, "h", Duration.ofMillis(300), () -> {
            polls.incrementAndGet();
            return DomainStatus.State.RUNNING;
        }, done::add);
        assertEquals(ShutdownWatches.Outcome.TIMED_OUT, done.poll(10, TimeUnit.SECONDS));
        assertTrue("not before the deadline", System.nanoTime() - start >= Duration.ofMillis(300).toNanos());
        assertTrue("the status was polled meanwhile", polls.get() > 0);
        assertFalse(watches.isWatched(7));
        assertEquals("ends once", null, done.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    public void aPollThatSeesTheDomainOffEndsIt() throws Exception {
        LinkedBlockingQueue<ShutdownWatches.Outcome> done = new LinkedBlockingQueue<>();
        AtomicInteger polls = new AtomicInteger();
        watches.watch(8, "h", Duration.ofMinutes(5),
                () -> polls.incrementAndGet() < 3 ? DomainStatus.State.RUNNING : DomainStatus.State.SHUTOFF, done::add);
        assertEquals(ShutdownWatches.Outcome.STOPPED, done.poll(10, TimeUnit.SECONDS));
    }

    @Test
    public void anEventEndsItAtOnceButOnlyFromItsHost() throws Exception {
        LinkedBlockingQueue<ShutdownWatches.Outcome> done = new LinkedBlockingQueue<>();
        AtomicReference<DomainStatus.State> state = new AtomicReference<>(DomainStatus.State.RUNNING);
        watches.watch(9, "node1", Duration.ofMinutes(5), state::get, done::add);
        watches.onEvent(9, "node2", DomainStatus.State.SHUTOFF);
        watches.onEvent(9, "node1", DomainStatus.State.RUNNING);
        assertEquals(null, done.poll(200, TimeUnit.MILLISECONDS));
        watches.onEvent(9, "node1", DomainStatus.State.MISSING);
        assertEquals(ShutdownWatches.Outcome.STOPPED, done.poll(10, TimeUnit.SECONDS));
    }

    @Test
    public void aForgottenWatchNeverCompletes() throws Exception {
        LinkedBlockingQueue<ShutdownWatches.Outcome> done = new LinkedBlockingQueue<>();
        watches.watch(10, "h", Duration.ofMillis(100), () -> DomainStatus.State.RUNNING, done::add);
        watches.forget(10);
        assertEquals(null, done.poll(500, TimeUnit.MILLISECONDS));
    }
}
