package eu.stratuslab.infra.exec;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread factories of the background pools: daemon threads, so that no pool keeps the JVM alive
 * after its owner is gone, named after their owner so that thread dumps say whose they are.
 */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** Every thread is named {@code name}. */
    public static ThreadFactory named(String name) {
        return r -> daemon(r, name);
    }

    /** Threads named {@code <prefix>1}, {@code <prefix>2}, ... in the order they are made. */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> daemon(r, prefix + n.incrementAndGet());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
