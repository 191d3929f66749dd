package eu.stratuslab.pdisk.db;

import eu.stratuslab.core.db.CoreSchema;
import static org.junit.Assert.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.AfterClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

import eu.stratuslab.infra.db.Database;
import eu.stratuslab.infra.db.DbSettings;
import eu.stratuslab.core.testsupport.TestDatabases;
import eu.stratuslab.pdisk.model.DiskBuilder;

/**
 * pdisk on the site database: in a schema the core has already migrated, pdisk's migrations run
 * beside the core's (own history table), and a reopen of both works. H2 always; MariaDB when
 * {@code STRATUSLAB_MARIADB_URL} is set.
 */
@RunWith(Parameterized.class)
public class SharedSiteDatabaseTest {

    @Parameters(name = "{0}")
    public static List<Object[]> kinds() {
        return TestDatabases.kinds();
    }

    private final String kind;

    public SharedSiteDatabaseTest(String kind) {
        this.kind = kind;
    }

    @AfterClass
    public static void dropDatabases() {
        TestDatabases.dropAll();
    }

    @Test
    public void pdiskSharesTheCoresSchema() throws Exception {
        DbSettings site = TestDatabases.fresh(kind);
        String uuid = UUID.randomUUID().toString();
        try (Database core = CoreSchema.open(site); Database pdisk = PdiskSchema.open(site)) {
            new DiskRepository(pdisk.dataSource()).insert(new DiskBuilder().uuid(uuid).owner("alice").size(1)
                    .creation(Instant.ofEpochMilli(1)).build());
            assertEquals(true, anyRow(core, "schema_history", "success"));
        }
        try (Database core = CoreSchema.open(site); Database pdisk = PdiskSchema.open(site)) {
            assertEquals(uuid, new DiskRepository(pdisk.dataSource()).find(uuid).orElseThrow().uuid());
            assertEquals(true, anyRow(core, "pdisk_schema_history", "success AND version = '1'"));
        }
    }

    private static boolean anyRow(Database db, String table, String where) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE " + where)) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }
}
