package eu.stratuslab.oneproxy.api.family;

import eu.stratuslab.core.OneException;
import eu.stratuslab.xmlrpc.XmlRpcFault;
import java.util.concurrent.Semaphore;

/**
 * Bounds how many pool listings are assembled at once (issue 14 item 7). A listing walks the whole
 * pool, checks each object against the caller's rights and, after changes, renders and encodes
 * entries again: 64 clients polling a 10,000-VM pool must not do that 64 times over at the same
 * moment. Callers over the bound wait their turn in arrival order; none is refused. Only the
 * assembly is gated, not the sending: a client that reads slowly holds no permit.
 */
public final class ListingGate {
    /** The gate of every pool listing of the API: as many at once as there are cores, at least two. */
    public static final ListingGate SHARED = new ListingGate(Math.max(2, Runtime.getRuntime().availableProcessors()));

    private final Semaphore permits;

    public ListingGate(int atOnce) {
        if (atOnce < 1) {
            throw new IllegalArgumentException("at least one listing at a time");
        }
        this.permits = new Semaphore(atOnce, true);
    }

    /** Work that may fail as an API method does. */
    @FunctionalInterface
    public interface Assembly<R> {
        R run() throws OneException, XmlRpcFault;
    }

    /** Runs {@code work} once fewer than the bound are running, in arrival order. */
    public <R> R assemble(Assembly<R> work) throws OneException, XmlRpcFault {
        // uninterruptible: a waiter's turn comes as soon as a running assembly (bounded work) ends
        permits.acquireUninterruptibly();
        try {
            return work.run();
        } finally {
            permits.release();
        }
    }

    /** Callers waiting for their turn (tests, diagnostics). */
    public int waiting() {
        return permits.getQueueLength();
    }
}
