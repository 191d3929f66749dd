package eu.stratuslab.infra.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * A service's JDBC database: a HikariCP pool, migrated by Flyway from the service's {@link Schema}
 * on open. The same migrations run on H2 (MySQL mode) and MariaDB/MySQL. The one way every
 * service of the cloud opens its database.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final DbSettings settings;
    /** Housekeeping of an embedded H2 file (null otherwise): see {@link H2Compaction}. */
    private final H2Compaction compaction;

    private Database(DbSettings settings, HikariDataSource dataSource, String name) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.compaction = settings.jdbcUrl().startsWith("jdbc:h2:file:") ? H2Compaction.schedule(dataSource, name) : null;
    }

    /** Opens the pool and applies the schema's pending migrations; closes the pool if they fail. */
    public static Database open(DbSettings settings, Schema schema) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setPoolName(schema.poolName());
        config.setAutoCommit(true);
        HikariDataSource ds = new HikariDataSource(config);
        try {
            var flyway = Flyway.configure().dataSource(ds)
                    .locations(schema.locations().toArray(String[]::new))
                    .table(schema.historyTable());
            if (schema.baselineOnMigrate()) {
                flyway = flyway.baselineOnMigrate(true).baselineVersion("0");
            }
            flyway.load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(settings, ds, schema.poolName());
    }

    /**
     * One bounded compaction of an embedded H2 file now (the same one that runs every two seconds);
     * the file size afterwards, -1 for any other database.
     */
    public long compact() throws SQLException {
        return settings.isH2() ? H2Compaction.compact(dataSource) : -1;
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
        if (compaction != null) {
            compaction.close();
        }
        dataSource.close();
    }
}
