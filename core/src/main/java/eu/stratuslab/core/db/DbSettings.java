package eu.stratuslab.core.db;

import java.nio.file.Path;

/**
 * Where the core keeps its state. The embedded default is an H2 file database in MySQL mode; the
 * production choice is MySQL/MariaDB through a {@code jdbc:mariadb:} or {@code jdbc:mysql:} URL.
 */
public record DbSettings(String jdbcUrl, String user, String password, int maxPoolSize) {

    /** H2 file database {@code <dir>/<name>.mv.db} in MySQL mode. */
    public static DbSettings h2File(Path dir, String name) {
        // WRITE_DELAY=0: a commit is on disk before the API answers, so kill -9 never loses an
        // allocated VM (H2 otherwise keeps commits in memory for up to 500 ms).
        String url = "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath()
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;NON_KEYWORDS=USER,VALUE"
                + ";WRITE_DELAY=0";
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
