package eu.stratuslab.core.db;

import eu.stratuslab.infra.db.Database;
import eu.stratuslab.infra.db.DbSettings;
import eu.stratuslab.infra.db.Schema;
import java.util.List;

/** The core's migrations ({@code classpath:db/core}, history table {@code schema_history}). */
public final class CoreSchema {
    public static final Schema SCHEMA = new Schema("stratuslab-core", "schema_history", false, List.of("classpath:db/core"));

    private CoreSchema() {
    }

    /** Opens the core's database on {@code settings} and migrates it. */
    public static Database open(DbSettings settings) {
        return Database.open(settings, SCHEMA);
    }
}
