package eu.stratuslab.pdisk.db;

import eu.stratuslab.infra.db.Database;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;

import eu.stratuslab.core.testsupport.TestDatabases;

/**
 * The repositories on a fresh MariaDB database under {@code STRATUSLAB_MARIADB_URL} (the core's
 * {@link TestDatabases}: one database per test, dropped afterwards); skipped without it, failing
 * instead when STRATUSLAB_FULL_TESTS=1.
 */
public class MariaDbRepositoryTest extends RepositoryContract {

    private Database db;

    @Before
    public void open() {
        db = PdiskSchema.open(TestDatabases.fresh("mariadb"));
    }

    @After
    public void close() {
        if (db != null) {
            db.close();
        }
    }

    @AfterClass
    public static void dropDatabases() {
        TestDatabases.dropAll();
    }

    @Override
    protected Database database() {
        return db;
    }
}
