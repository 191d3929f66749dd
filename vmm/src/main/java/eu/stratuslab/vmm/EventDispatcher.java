package eu.stratuslab.vmm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Delivers domain events to listeners on one dedicated thread, in order. Listeners thus never run
 * inside a driver call or on libvirt's event-loop thread, and a slow listener cannot stall either.
 */
public final class EventDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final List<DomainEventListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService thread;

    public EventDispatcher(String threadName) {
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    public void add(DomainEventListener listener) {
        listeners.add(listener);
    }

    public void fire(String deployId, DomainStatus.State state) {
        if (listeners.isEmpty()) {
            return;
        }
        try {
            thread.execute(() -> {
                for (DomainEventListener l : listeners) {
                    try {
                        l.onEvent(deployId, state);
                    } catch (RuntimeException e) {
                        LOG.warn("domain event listener failed on {} {}", deployId, state, e);
                    }
                }
            });
        } catch (RejectedExecutionException closed) {
            LOG.debug("event {} {} after close dropped", deployId, state);
        }
    }

    @Override
    public void close() {
        thread.shutdown();
    }
}
