package eu.stratuslab.infra.db;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** {@link Jdbc} on an embedded database: parameters in order (nulls included), rows mapped, the caller's transaction kept. */
public class JdbcTest {
    private static final Schema SCHEMA = new Schema("test", "test_history", false, List.of("classpath:db/infratest"));

    private Database db;

    @Before
    public void open() {
        db = Database.open(DbSettings.h2Memory("jdbc-test-" + java.util.UUID.randomUUID()), SCHEMA);
    }

    @After
    public void close() {
        db.close();
    }

    @Test
    public void parametersAreBoundInOrderAndRowsMappedInOrder() throws Exception {
        assertEquals(1, Jdbc.update(db.dataSource(), "INSERT INTO row_store VALUES (?, ?)", 2, "two"));
        assertEquals(1, Jdbc.update(db.dataSource(), "INSERT INTO row_store VALUES (?, ?)", 1L, "one"));
        assertEquals(List.of("1 one", "2 two"), Jdbc.query(db.dataSource(), "SELECT * FROM row_store ORDER BY id",
                rs -> rs.getInt("id") + " " + rs.getString("body")));
        assertEquals(List.of("two"), Jdbc.query(db.dataSource(), "SELECT body FROM row_store WHERE id = ? AND body <> ?",
                rs -> rs.getString(1), 2, "x"));
        assertEquals(0, Jdbc.update(db.dataSource(), "DELETE FROM row_store WHERE id = ?", 3));
    }

    @Test
    public void aNullParameterIsSqlNull() throws Exception {
        assertEquals(List.of(Arrays.asList((Object) null)), Jdbc.query(db.dataSource(), "SELECT CAST(? AS VARCHAR)",
                rs -> Arrays.asList(rs.getObject(1)), (Object) null));
        SQLException refused = assertThrows(SQLException.class,
                () -> Jdbc.update(db.dataSource(), "INSERT INTO row_store VALUES (?, ?)", 3, null));
        assertEquals("body is NOT NULL: a null parameter reaches the database as NULL", "23502", refused.getSQLState());
    }

    @Test
    public void onAConnectionTheCallerOwnsTheTransaction() throws Exception {
        db.inTransaction(c -> {
            Jdbc.update(c, "INSERT INTO row_store VALUES (?, ?)", 7, "seven");
            assertEquals(List.of(7), Jdbc.query(c, "SELECT id FROM row_store", rs -> rs.getInt(1)));
            c.rollback();
            return null;
        });
        assertEquals(List.of(), Jdbc.query(db.dataSource(), "SELECT id FROM row_store", rs -> rs.getInt(1)));
    }
}
