package eu.stratuslab.infra.db;

import java.util.List;

/**
 * The migrations one service owns in a (possibly shared) database: where Flyway finds them and
 * the history table that keeps them apart from another service's migrations in the same schema.
 *
 * @param poolName           name of the connection pool (thread names, pool metrics)
 * @param historyTable       Flyway's history table for this service
 * @param baselineOnMigrate  true for a service that may join a schema another service already
 *                           filled: its history starts at version 0, so its V1 still runs
 * @param locations          Flyway locations, e.g. {@code classpath:db/core}
 */
public record Schema(String poolName, String historyTable, boolean baselineOnMigrate, List<String> locations) {
    public Schema {
        locations = List.copyOf(locations);
    }
}
