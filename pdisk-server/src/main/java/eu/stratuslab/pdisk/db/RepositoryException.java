package eu.stratuslab.pdisk.db;

import java.sql.SQLException;

/** A database access failed; wraps the SQLException so service code stays unchecked. */
public class RepositoryException extends RuntimeException {
    public RepositoryException(String message, Throwable cause) {
        super(message, cause);
    }

    /** One database access that may throw {@link SQLException}. */
    @FunctionalInterface
    interface SqlCall<T> {
        T call() throws SQLException;
    }

    /** The result of {@code call}; its SQLException becomes a RepositoryException saying {@code failure}. */
    static <T> T wrap(String failure, SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw new RepositoryException(failure, e);
        }
    }
}
