package eu.stratuslab.pdisk.db;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The pdisk database: a HikariCP pool migrated by Flyway from {@code classpath:db/pdisk} with its
 * own history table, so it can share a schema with the core without mixing migrations.
 */
public final class PdiskDatabase implements AutoCloseable {

    private final HikariDataSource dataSource;

    private PdiskDatabase(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Opens the pool on {@code jdbcUrl} (H2 file URL or {@code jdbc:mariadb:}) and migrates. */
    public static PdiskDatabase open(String jdbcUrl) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        hc.setPoolName("pdisk");
        hc.setMaximumPoolSize(8);
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/pdisk")
                    .table("pdisk_schema_history").baselineOnMigrate(true).baselineVersion("0")
                    .load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new PdiskDatabase(ds);
    }

    /** The default H2 file database (MySQL mode) under {@code dataDir}. */
    public static String h2Url(java.nio.file.Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("pdisk") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE";
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
