package eu.stratuslab.pdisk.support;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Requests that race: every submitted task waits at one gate, and {@link #open()} lets them all go
 * at once. Closing stops the threads of tasks still running.
 */
public final class StartingGate implements AutoCloseable {

    private final ExecutorService pool;
    private final CountDownLatch gate = new CountDownLatch(1);

    public StartingGate(int threads) {
        pool = Executors.newFixedThreadPool(threads);
    }

    public <T> Future<T> submit(Callable<T> task) {
        return pool.submit(() -> {
            gate.await();
            return task.call();
        });
    }

    public void open() {
        gate.countDown();
    }

    /** The task's result, waiting at most two minutes for it. */
    public static <T> T result(Future<T> task) throws Exception {
        return task.get(120, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
