package eu.stratuslab.core.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The core's JDBC database: a HikariCP pool, migrated by Flyway from {@code classpath:db/core} on
 * open. The same migrations run on H2 (MySQL mode) and MariaDB/MySQL.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final DbSettings settings;

    private Database(DbSettings settings, HikariDataSource dataSource) {
        this.settings = settings;
        this.dataSource = dataSource;
    }

    public static Database open(DbSettings settings) {
        return open(settings, "classpath:db/core");
    }

    public static Database open(DbSettings settings, String... migrationLocations) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setPoolName("stratuslab-core");
        config.setAutoCommit(true);
        HikariDataSource ds = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(ds).locations(migrationLocations)
                    .table("schema_history").load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(settings, ds);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public DbSettings settings() {
        return settings;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Runs {@code work} in one transaction; commits on success, rolls back on any exception. */
    public <T> T inTransaction(TxWork<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    @FunctionalInterface
    public interface TxWork<T> {
        T run(Connection c) throws SQLException;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
