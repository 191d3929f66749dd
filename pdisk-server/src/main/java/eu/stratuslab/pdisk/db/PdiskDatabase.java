package eu.stratuslab.pdisk.db;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import eu.stratuslab.core.db.DbSettings;

/**
 * The pdisk database: a HikariCP pool on the site's database (the same {@link DbSettings} the
 * core uses: MariaDB/MySQL in production, or an embedded H2 file with the core's durability
 * settings), migrated by Flyway from {@code classpath:db/pdisk} with its own history table, so it
 * can share a schema with the core without mixing migrations.
 */
public final class PdiskDatabase implements AutoCloseable {

    private final HikariDataSource dataSource;

    private PdiskDatabase(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Opens the pool and migrates. */
    public static PdiskDatabase open(DbSettings settings) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(settings.jdbcUrl());
        hc.setUsername(settings.user());
        hc.setPassword(settings.password());
        hc.setPoolName("pdisk");
        hc.setMaximumPoolSize(settings.maxPoolSize());
        hc.setAutoCommit(true);
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            // baseline 0: in a schema the core already filled, pdisk's V1 still runs
            Flyway.configure().dataSource(ds).locations("classpath:db/pdisk")
                    .table("pdisk_schema_history").baselineOnMigrate(true).baselineVersion("0")
                    .load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new PdiskDatabase(ds);
    }

    /**
     * The embedded default: H2 file {@code <dataDir>/pdisk.mv.db}, opened exactly as the core opens
     * its own (MySQL mode, {@code WRITE_DELAY=0}: a commit is on disk before the API answers).
     */
    public static DbSettings embedded(Path dataDir) {
        return DbSettings.h2File(dataDir, "pdisk");
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
