package eu.stratuslab.pdisk.db;

/** A database access failed; wraps the SQLException so service code stays unchecked. */
public class RepositoryException extends RuntimeException {
    public RepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
