package eu.stratuslab.infra.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Concurrency tests: tasks that start together, so that they really race. */
public final class Together {
    private Together() {
    }

    /** One task of a run; {@code index} tells it apart from the others. */
    public interface Task<T> {
        T call(int index) throws Exception;
    }

    /**
     * Runs {@code count} tasks on {@code threads} threads, held by one latch until all are
     * submitted; returns their results in index order, waiting up to {@code timeout} for each. A
     * failed task fails the run with its {@link java.util.concurrent.ExecutionException}.
     */
    public static <T> List<T> run(int threads, int count, Duration timeout, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call(index);
                }));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@link #run(int, int, Duration, Task)} of a list of tasks, the task of index i being {@code tasks.get(i)}. */
    public static <T> List<T> run(int threads, Duration timeout, List<? extends Callable<T>> tasks) throws Exception {
        return run(threads, tasks.size(), timeout, i -> tasks.get(i).call());
    }
}
