package eu.stratuslab.core.testsupport;

import static org.junit.Assert.fail;

import eu.stratuslab.infra.db.DbSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Assume;

/**
 * The databases the repository tests run on: always a private in-memory H2 database, and a fresh
 * MariaDB database when {@code STRATUSLAB_MARIADB_URL} is set (e.g.
 * {@code jdbc:mariadb://127.0.0.1:3306/stratuslab_test?user=stratus&password=stratus}). Each
 * MariaDB database is created for one test under a random name derived from the URL's database
 * name and dropped again by {@link #dropAll()}. With {@code STRATUSLAB_FULL_TESTS=1} a missing URL
 * is a failure rather than a skip.
 */
public final class TestDatabases {
    public static final String MARIADB_URL_ENV = "STRATUSLAB_MARIADB_URL";
    private static final Pattern URL = Pattern.compile("^(jdbc:(?:mariadb|mysql)://[^/]+/)([A-Za-z0-9_]+)(.*)$");
    private static final AtomicInteger H2_COUNTER = new AtomicInteger();
    private static final List<String[]> CREATED = new ArrayList<>();

    private TestDatabases() {
    }

    /** Parameter values for JUnit's {@code Parameterized} runner: "h2" always, "mariadb" always listed. */
    public static List<Object[]> kinds() {
        List<Object[]> kinds = new ArrayList<>();
        kinds.add(new Object[] {"h2"});
        kinds.add(new Object[] {"mariadb"});
        return kinds;
    }

    /** A fresh, empty database of {@code kind}; MariaDB skips (or fails in full mode) without a URL. */
    public static DbSettings fresh(String kind) {
        if ("h2".equals(kind)) {
            return DbSettings.h2Memory("coreinfra" + H2_COUNTER.incrementAndGet() + "_" + UUID.randomUUID().toString().replace("-", ""));
        }
        return freshMariaDb();
    }

    public static boolean fullTests() {
        return "1".equals(System.getenv("STRATUSLAB_FULL_TESTS"));
    }

    private static DbSettings freshMariaDb() {
        String url = System.getenv(MARIADB_URL_ENV);
        if (url == null || url.isBlank()) {
            if (fullTests()) {
                fail(MARIADB_URL_ENV + " is not set but STRATUSLAB_FULL_TESTS=1");
            }
            Assume.assumeTrue(MARIADB_URL_ENV + " not set: MariaDB tests skipped", false);
        }
        Matcher m = URL.matcher(url.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(MARIADB_URL_ENV + " must look like jdbc:mariadb://host:port/db?user=..&password=..");
        }
        String db = m.group(2) + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(url.trim()); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE DATABASE " + db);
        } catch (SQLException e) {
            if (fullTests()) {
                throw new AssertionError("MariaDB at " + m.group(1) + " unusable: " + e.getMessage(), e);
            }
            Assume.assumeNoException("MariaDB unavailable", e);
        }
        synchronized (CREATED) {
            CREATED.add(new String[] {url.trim(), db});
        }
        return new DbSettings(m.group(1) + db + m.group(3), null, null, 4);
    }

    /** Drops the MariaDB databases created so far (call from {@code @AfterClass}). */
    public static void dropAll() {
        synchronized (CREATED) {
            for (String[] created : CREATED) {
                try (Connection c = DriverManager.getConnection(created[0]); Statement s = c.createStatement()) {
                    s.executeUpdate("DROP DATABASE IF EXISTS " + created[1]);
                } catch (SQLException e) {
                    // best effort: a left-over test database does not affect other tests
                }
            }
            CREATED.clear();
        }
    }
}
