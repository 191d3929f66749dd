package eu.stratuslab.infra.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Housekeeping of an embedded H2 file database while it is open. With {@code WRITE_DELAY=0} (every
 * commit on disk before the answer) H2 runs no background writer, and the background writer is
 * what rewrites sparse chunks: without it the file grew by ~120 KB per VM that ran and finished
 * (issue 13 item 8). Every {@link #EVERY} this runs the same compaction H2's writer would
 * ({@link MVStore#compact}, safe beside live writers — unlike {@code compactFile}, which is for a
 * closing store), bounded in time; with {@code RETENTION_TIME=1000} ({@link DbSettings#h2File}) the
 * space it frees is reused a second later, so the file stays within about a second of writes of
 * its live size.
 */
final class H2Compaction implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(H2Compaction.class);
    static final Duration EVERY = Duration.ofSeconds(2);
    /** Rewrite chunks until this share of the file is live data. */
    private static final int TARGET_FILL_RATE = 80;
    private static final int REWRITE_BYTES = 16 << 20;
    private static final long MAX_MILLIS = 500;

    private final DataSource dataSource;
    private final ScheduledExecutorService timer;

    private H2Compaction(DataSource dataSource, String name) {
        this.dataSource = dataSource;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-compaction");
            t.setDaemon(true);
            return t;
        });
    }

    static H2Compaction schedule(DataSource dataSource, String name) {
        H2Compaction c = new H2Compaction(dataSource, name);
        long every = EVERY.toMillis();
        c.timer.scheduleWithFixedDelay(c::runQuietly, every, every, TimeUnit.MILLISECONDS);
        return c;
    }

    private void runQuietly() {
        try {
            compact(dataSource);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("housekeeping of the database file failed: {}", e.getMessage());
        }
    }

    /** One bounded compaction; the file size afterwards, or -1 when the database is not an H2 file. */
    static long compact(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            JdbcConnection jdbc = c.unwrap(JdbcConnection.class);
            if (!(jdbc.getSession() instanceof SessionLocal session)) {
                return -1; // a server-mode connection: the server keeps its own file
            }
            var store = session.getDatabase().getStore();
            if (store == null || store.getMvStore().getFileStore() == null) {
                return -1; // in memory
            }
            MVStore mv = store.getMvStore();
            long stopAt = System.nanoTime() + MAX_MILLIS * 1_000_000L;
            while (mv.compact(TARGET_FILL_RATE, REWRITE_BYTES) && System.nanoTime() - stopAt < 0) {
                mv.commit();
            }
            return mv.getFileStore().size();
        }
    }

    @Override
    public void close() {
        // never interrupt a running compaction: an interrupted FileChannel closes H2's file
        timer.shutdown();
        try {
            if (!timer.awaitTermination(MAX_MILLIS * 10, TimeUnit.MILLISECONDS)) {
                LOG.warn("database housekeeping still running at close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
