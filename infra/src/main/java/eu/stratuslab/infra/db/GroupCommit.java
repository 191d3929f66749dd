package eu.stratuslab.infra.db;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: writes submitted by concurrent callers share one transaction, so N callers pay for
 * one commit (on H2 with {@code WRITE_DELAY=0} one write of the changed pages to the file, on
 * MariaDB one redo log write) instead of N.
 * Each caller still returns only once the transaction holding its write has committed, so what it
 * acknowledges survives {@code kill -9}.
 *
 * <p>One committer thread takes everything that queued while the previous commit ran (at most
 * {@link #MAX_BATCH} writes) and runs it in one transaction. If that transaction fails, every
 * caller of the batch gets the failure and nothing of the batch is stored; the next batch starts
 * afresh. No lock is held while the transaction runs: callers only wait on their own future.
 * A write must therefore not depend on another write of the same batch having succeeded.
 */
public final class GroupCommit implements AutoCloseable {
    /** Bounds one transaction (and what one failure takes with it). */
    public static final int MAX_BATCH = 256;
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    private record Pending(Database.TxWork<?> work, CompletableFuture<Void> committed) {
    }

    /** Tells the committer to stop once everything queued before it is committed. */
    private static final Pending STOP = new Pending(c -> null, null);

    private final Database db;
    private final Database.TxWork<?> lastInEachTransaction;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread committer;
    private boolean closed; // guarded by this: no write may queue behind STOP
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();

    /**
     * Starts the committer thread ({@code name} names it in thread dumps and profiles).
     *
     * @param lastInEachTransaction written after the batch's writes in every transaction (once,
     *                              however many writes share it: e.g. the id counter)
     */
    public GroupCommit(Database db, String name, Database.TxWork<?> lastInEachTransaction) {
        this.db = db;
        this.lastInEachTransaction = lastInEachTransaction;
        this.committer = new Thread(this::commitLoop, "group-commit-" + name);
        committer.setDaemon(true);
        committer.start();
    }

    /**
     * Runs {@code work} in the next shared transaction and returns once that transaction has
     * committed. Waiting is not interruptible: a caller that gave up while its write may still
     * commit could not say whether it did.
     *
     * @throws SQLException the shared transaction failed (nothing of it is stored), or the
     *                      committer is closed
     */
    public void run(Database.TxWork<?> work) throws SQLException {
        CompletableFuture<Void> committed = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                throw new SQLException("the database is closing");
            }
            queue.add(new Pending(work, committed));
        }
        try {
            committed.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException s) {
                throw s;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new SQLException("group commit failed", cause);
        }
    }

    /** Writes waiting for the next transaction (tests wait on it to know a batch has formed). */
    public int queued() {
        return queue.size();
    }

    /** Transactions committed so far (how many writes shared one shows in tests and profiles). */
    public long transactions() {
        return transactions.get();
    }

    private void commitLoop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        boolean stopping = false;
        while (!stopping) {
            batch.clear();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            stopping = batch.remove(STOP); // STOP is queued last: nothing follows it in the batch
            if (!batch.isEmpty()) {
                commit(batch);
            }
        }
    }

    private void commit(List<Pending> batch) {
        try {
            db.inTransaction(c -> {
                for (Pending p : batch) {
                    p.work().run(c);
                }
                lastInEachTransaction.run(c);
                return null;
            });
        } catch (Throwable e) { // an Error too: callers must never wait for ever
            LOG.error("group commit of {} writes failed; all of them are rolled back", batch.size(), e);
            for (Pending p : batch) {
                p.committed().completeExceptionally(e);
            }
            return;
        }
        transactions.incrementAndGet();
        writes.addAndGet(batch.size());
        for (Pending p : batch) {
            p.committed().complete(null);
        }
    }

    /** Commits what is queued, then stops the committer; later {@link #run} calls fail. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        }
        try {
            committer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("{}: {} writes committed in {} transactions", committer.getName(), writes.get(), transactions.get());
    }
}
