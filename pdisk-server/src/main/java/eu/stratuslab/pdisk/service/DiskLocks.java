package eu.stratuslab.pdisk.service;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per disk uuid: every state change of a disk (attach, detach, delete, snapshot of an
 * origin, rebase, update, content initialisation) runs under its lock, so checks and the
 * changes they guard are atomic within this server.
 */
public final class DiskLocks {

    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public <T> T withLock(String uuid, Supplier<T> action) {
        ReentrantLock lock = locks.computeIfAbsent(uuid, k -> new ReentrantLock(true));
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    public void withLock(String uuid, Runnable action) {
        withLock(uuid, () -> {
            action.run();
            return null;
        });
    }

    /** Forgets the lock of a deleted disk (only when nobody holds or waits for it). */
    public void forget(String uuid) {
        locks.computeIfPresent(uuid, (k, l) -> l.isLocked() || l.hasQueuedThreads() ? l : null);
    }
}
