package eu.stratuslab.core.pool;

import eu.stratuslab.core.OneException;
import eu.stratuslab.infra.db.Database;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pool's write-through transaction. A database failure becomes an INTERNAL API error whose
 * text names the operation; the cause is only logged (it may contain connection details).
 */
public final class Writes {
    private static final Logger LOG = LoggerFactory.getLogger(Writes.class);

    private Writes() {
    }

    public static <T> T inTransaction(Database db, String failureMessage, Database.TxWork<T> work) throws OneException {
        try {
            return db.inTransaction(work);
        } catch (SQLException e) {
            LOG.error("{}: database error", failureMessage, e);
            throw OneException.internal(failureMessage);
        }
    }
}
