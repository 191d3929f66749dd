package eu.stratuslab.probes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** A probe's load: one thread per client, each running the client's loop until the probe says stop; then joined. */
final class LoadClients {
    /** One client's loop; {@code index} tells the clients apart (and seeds their randomness). */
    @FunctionalInterface
    interface Client {
        void run(int index) throws Exception;
    }

    private final ExecutorService pool;
    private final List<Future<?>> workers = new ArrayList<>();

    private LoadClients(int clients, Client client) {
        pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            int index = c;
            workers.add(pool.submit(() -> {
                client.run(index);
                return null;
            }));
        }
    }

    static LoadClients start(int clients, Client client) {
        return new LoadClients(clients, client);
    }

    /** Waits {@code nanos} while the clients run (returns early only if they are all done). */
    void pause(long nanos) throws InterruptedException {
        pool.awaitTermination(nanos, TimeUnit.NANOSECONDS);
    }

    /** Waits for every client to end (each within {@code each}); a client's failure is thrown. */
    void join(Duration each) throws Exception {
        for (Future<?> w : workers) {
            w.get(each.toMillis(), TimeUnit.MILLISECONDS);
        }
        pool.shutdown();
    }
}
