package eu.stratuslab.infra.db;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@link GroupCommit} on the embedded H2 file with the cloud's durability settings: what a caller
 * was told is committed is there after a reopen; writes that queued while a commit ran share the
 * next transaction; a failed transaction fails exactly its own callers and stores none of them.
 */
public class GroupCommitTest {
    private static final Schema SCHEMA = new Schema("test", "test_history", false, List.of("classpath:db/infratest"));

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Path dir;
    private Database db;
    private GroupCommit commits;
    private ExecutorService callers;

    @Before
    public void open() {
        dir = tmp.getRoot().toPath();
        db = Database.open(DbSettings.h2File(dir, "group"), SCHEMA);
        commits = new GroupCommit(db, "test", c -> null);
        callers = Executors.newFixedThreadPool(16);
    }

    @After
    public void close() throws Exception {
        callers.shutdownNow();
        callers.awaitTermination(30, TimeUnit.SECONDS);
        commits.close();
        db.close();
    }

    private static Database.TxWork<Void> insert(int id) {
        return c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO row_store VALUES (?, ?)")) {
                ps.setInt(1, id);
                ps.setString(2, "row " + id);
                ps.executeUpdate();
            }
            return null;
        };
    }

    private static Set<Integer> rows(Database db) throws SQLException {
        Set<Integer> ids = new TreeSet<>();
        try (Connection c = db.connection(); ResultSet r = c.createStatement().executeQuery("SELECT id FROM row_store")) {
            while (r.next()) {
                ids.add(r.getInt(1));
            }
        }
        return ids;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(5); // poll period
        }
    }

    /** Submits the write of row {@code id} from a caller thread. */
    private Future<?> submitInsert(int id) {
        return callers.submit(() -> {
            commits.run(insert(id));
            return null;
        });
    }

    /** A write that holds the committer inside its transaction until {@link #release} opens. */
    private record HeldCommit(Future<?> write, CountDownLatch release) {
    }

    /** Submits the write of row {@code id} and returns once it holds the committer. */
    private HeldCommit holdTheCommitter(int id) throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> held = callers.submit(() -> {
            commits.run(c -> {
                insert(id).run(c);
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
            return null;
        });
        assertTrue(inside.await(60, TimeUnit.SECONDS));
        return new HeldCommit(held, release);
    }

    @Test
    public void everyAcknowledgedWriteSurvivesAReopen() throws Exception {
        List<Future<?>> calls = new ArrayList<>();
        Set<Integer> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
        for (int t = 0; t < 16; t++) {
            int base = t * 1000;
            calls.add(callers.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    commits.run(insert(base + i));
                    acknowledged.add(base + i);
                }
                return null;
            }));
        }
        for (Future<?> f : calls) {
            f.get(2, TimeUnit.MINUTES);
        }
        assertEquals(800, acknowledged.size());
        commits.close();
        db.close();
        db = Database.open(DbSettings.h2File(dir, "group"), SCHEMA);
        assertEquals(new TreeSet<>(acknowledged), rows(db));
    }

    @Test
    public void writesQueuedDuringACommitShareTheNextTransaction() throws Exception {
        HeldCommit held = holdTheCommitter(0);
        long before = commits.transactions();
        List<Future<?>> queued = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            queued.add(submitInsert(i));
        }
        await("10 writes queued behind the running commit", () -> commits.queued() == 10);
        held.release().countDown();
        held.write().get(60, TimeUnit.SECONDS);
        for (Future<?> f : queued) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertEquals("the held transaction and one for the 10 queued writes", before + 2, commits.transactions());
        assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), rows(db));
    }

    @Test
    public void aFailedTransactionFailsOnlyItsOwnCallersAndStoresNoneOfThem() throws Exception {
        HeldCommit held = holdTheCommitter(0);
        List<Future<?>> batch = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            batch.add(submitInsert(i));
        }
        // a write that fails in the database: row 0 exists once the held transaction commits
        batch.add(submitInsert(0));
        await("4 writes queued behind the running commit", () -> commits.queued() == 4);
        held.release().countDown();
        held.write().get(60, TimeUnit.SECONDS); // the transaction before is not affected
        for (Future<?> f : batch) {
            try {
                f.get(60, TimeUnit.SECONDS);
                fail("a write of the failed transaction was acknowledged");
            } catch (java.util.concurrent.ExecutionException e) {
                assertTrue(String.valueOf(e.getCause()), e.getCause() instanceof SQLException);
            }
        }
        commits.run(insert(5)); // the next transaction starts afresh
        assertEquals(Set.of(0, 5), rows(db));
    }

    @Test
    public void closeCommitsWhatIsQueuedAndRefusesTheRest() throws Exception {
        HeldCommit held = holdTheCommitter(0);
        Future<?> queued = submitInsert(1);
        await("a write queued behind the running commit", () -> commits.queued() == 1);
        Future<?> closing = callers.submit(() -> {
            commits.close();
            return null;
        });
        held.release().countDown();
        closing.get(60, TimeUnit.SECONDS);
        held.write().get(60, TimeUnit.SECONDS);
        queued.get(60, TimeUnit.SECONDS);
        try {
            commits.run(insert(2));
            fail("a write after close was accepted");
        } catch (SQLException expected) {
            // refused: nobody would commit it
        }
        assertEquals(Set.of(0, 1), rows(db));
    }
}
