package eu.stratuslab.core.db;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import eu.stratuslab.infra.db.Database;
import eu.stratuslab.infra.db.DbSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.slf4j.LoggerFactory;

/**
 * A fresh clone starts without warnings: the Flyway and H2 versions are a pair Flyway supports
 * (Flyway warns when the database is newer than it was tested with), and the migrations run.
 */
public class MigrationStartTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private final ListAppender<ILoggingEvent> flywayLog = new ListAppender<>();
    private Logger flyway;

    @Before
    public void captureFlywayLog() {
        flyway = (Logger) LoggerFactory.getLogger("org.flywaydb");
        flyway.setLevel(Level.INFO);
        flywayLog.start();
        flyway.addAppender(flywayLog);
    }

    @After
    public void release() {
        flyway.detachAppender(flywayLog);
        flyway.setLevel(null);
    }

    @Test
    public void migratingAFreshH2FileDatabaseLogsNoWarning() throws Exception {
        Database db = CoreSchema.open(DbSettings.h2File(tmp.getRoot().toPath(), "one"));
        try (Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM schema_history WHERE success = TRUE")) {
            rs.next();
            assertTrue("migrations applied", rs.getInt(1) >= 1);
        } finally {
            db.close();
        }
        assertTrue("Flyway logged at all (the capture works)", !flywayLog.list.isEmpty());
        List<String> warnings = flywayLog.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
        assertEquals(List.of(), warnings);
    }
}
