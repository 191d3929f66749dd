package eu.stratuslab.pdisk.db;

import eu.stratuslab.infra.db.Database;
import eu.stratuslab.infra.db.DbSettings;
import eu.stratuslab.infra.db.Schema;
import java.nio.file.Path;
import java.util.List;

/**
 * pdisk's migrations on the site's database (the same {@link DbSettings} the core uses: MariaDB/MySQL
 * in production, or an embedded H2 file with the core's durability settings): {@code classpath:db/pdisk}
 * with its own history table, so it can share a schema with the core without mixing migrations.
 */
public final class PdiskSchema {
    /** Baseline 0: in a schema the core already filled, pdisk's V1 still runs. */
    public static final Schema SCHEMA = new Schema("pdisk", "pdisk_schema_history", true, List.of("classpath:db/pdisk"));

    private PdiskSchema() {
    }

    /** Opens the pool and migrates. */
    public static Database open(DbSettings settings) {
        return Database.open(settings, SCHEMA);
    }

    /**
     * The embedded default: H2 file {@code <dataDir>/pdisk.mv.db}, opened exactly as the core opens
     * its own (MySQL mode, {@code WRITE_DELAY=0}: a commit is on disk before the API answers).
     */
    public static DbSettings embedded(Path dataDir) {
        return DbSettings.h2File(dataDir, "pdisk");
    }
}
