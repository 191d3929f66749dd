package eu.stratuslab.vmm;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs hypervisor calls with a deadline. A node, a remote libvirtd or an ssh tunnel can stop
 * answering; the caller then gets a DriverException after the deadline instead of a thread blocked
 * for ever. The stuck call keeps its (daemon) pool thread until it gives up on its own.
 */
public final class DeadlineCalls implements AutoCloseable {
    /** A call that may never return. */
    @FunctionalInterface
    public interface Call<T> {
        T call() throws Exception;
    }

    /** A call without a result that may never return. */
    @FunctionalInterface
    public interface VoidCall {
        void call() throws Exception;
    }

    /** The DriverException for a call that failed with {@code cause} (never a DriverException: those pass as they are). */
    @FunctionalInterface
    public interface Failure {
        DriverException of(String what, Throwable cause);
    }

    private final ExecutorService pool;
    private final String peer;
    private final Failure failure;

    /**
     * @param threadPrefix names the pool's threads ({@code <prefix><n>})
     * @param peer what does not answer, in the timeout message ({@code libvirt})
     * @param failure how other failures are reported
     */
    public DeadlineCalls(String threadPrefix, String peer, Failure failure) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadPrefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.peer = peer;
        this.failure = failure;
    }

    /** Other failures become {@code <what>: <cause>}. */
    public DeadlineCalls(String threadPrefix, String peer) {
        this(threadPrefix, peer, (what, cause) -> new DriverException(what + ": " + cause, cause));
    }

    public <T> T call(String what, Duration deadline, Call<T> call) throws DriverException {
        Future<T> f = pool.submit(call::call);
        try {
            return f.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new DriverException(what + ": no answer from " + peer + " within " + human(deadline), e);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new DriverException(what + ": interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DriverException de) {
                throw de;
            }
            throw failure.of(what, cause);
        }
    }

    public void run(String what, Duration deadline, VoidCall call) throws DriverException {
        call(what, deadline, () -> {
            call.call();
            return null;
        });
    }

    private static String human(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
