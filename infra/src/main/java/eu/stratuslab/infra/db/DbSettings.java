package eu.stratuslab.infra.db;

import java.nio.file.Path;

/**
 * Where a service keeps its state (the core and pdisk share it). The embedded default is an H2 file database in MySQL mode; the
 * production choice is MySQL/MariaDB through a {@code jdbc:mariadb:} or {@code jdbc:mysql:} URL.
 */
public record DbSettings(String jdbcUrl, String user, String password, int maxPoolSize) {

    /** H2 file database {@code <dir>/<name>.mv.db} in MySQL mode. */
    public static DbSettings h2File(Path dir, String name) {
        // WRITE_DELAY=0: a commit is on disk before the API answers, so kill -9 never loses an
        // allocated VM (H2 otherwise keeps commits in memory for up to 500 ms).
        String url = "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath()
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;NON_KEYWORDS=USER,VALUE"
                + ";WRITE_DELAY=0;RETENTION_TIME=1000;MAX_COMPACT_TIME=0;DB_CLOSE_ON_EXIT=FALSE";
        // RETENTION_TIME=1000: space of replaced data is reused after 1 s instead of H2's 45 s, so
        // H2Compaction keeps the file bounded under churn (issue 13 item 8; with 45 s it grew by
        // ~170 KB per finished VM at benchmark rates). Not 0: with RETENTION_TIME=0, H2 2.3 lost
        // chunks still in use ("Chunk N not found" with compaction beside writers,
        // DatabaseCompactionTest, 2 runs in 6) and its compactFile at close lost committed rows (a
        // RUNNING VM gone after a restart of the core; DatabaseReopenTest). MAX_COMPACT_TIME=0: no
        // compactFile when the last connection closes (H2 issue #4247); the online compaction does
        // the shrinking while the database is open. DB_CLOSE_ON_EXIT=FALSE: the service closes its
        // database after its own threads stopped (the cloud's shutdown hook); H2's own hook closed it
        // under the scheduler and the lifecycle on SIGTERM ("Database is already closed" errors).
        return new DbSettings(url, "sa", "", 8);
    }

    /** A private in-memory H2 database (tests). */
    public static DbSettings h2Memory(String name) {
        String url = "jdbc:h2:mem:" + name
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;NON_KEYWORDS=USER,VALUE;DB_CLOSE_DELAY=-1";
        return new DbSettings(url, "sa", "", 8);
    }

    public boolean isH2() {
        return jdbcUrl.startsWith("jdbc:h2:");
    }

    @Override
    public String toString() { // never show the password
        return "DbSettings[" + jdbcUrl.replaceAll("password=[^&;]*", "password=***") + "]";
    }
}
