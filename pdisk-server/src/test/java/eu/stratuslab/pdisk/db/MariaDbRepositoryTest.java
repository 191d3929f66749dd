package eu.stratuslab.pdisk.db;

import java.sql.Connection;
import java.sql.Statement;

import org.junit.After;
import org.junit.Before;

import eu.stratuslab.pdisk.support.SystemTools;

/**
 * The repositories on MariaDB at {@code STRATUSLAB_MARIADB_URL}; skipped without it (failing
 * instead when STRATUSLAB_FULL_TESTS=1). The pdisk tables are dropped before and after.
 */
public class MariaDbRepositoryTest extends RepositoryContract {

    private PdiskDatabase db;

    @Before
    public void open() throws Exception {
        String url = System.getenv("STRATUSLAB_MARIADB_URL");
        SystemTools.require(url != null && !url.isBlank(), "MariaDB (STRATUSLAB_MARIADB_URL)");
        dropPdiskTables(url);
        db = PdiskDatabase.open(url);
    }

    @After
    public void close() throws Exception {
        if (db != null) {
            db.close();
            dropPdiskTables(System.getenv("STRATUSLAB_MARIADB_URL"));
        }
    }

    private static void dropPdiskTables(String url) throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS pdisk_mount");
            s.execute("DROP TABLE IF EXISTS pdisk_instance");
            s.execute("DROP TABLE IF EXISTS pdisk_disk");
            s.execute("DROP TABLE IF EXISTS pdisk_schema_history");
        }
    }

    @Override
    protected PdiskDatabase database() {
        return db;
    }
}
