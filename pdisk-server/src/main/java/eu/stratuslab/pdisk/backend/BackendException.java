package eu.stratuslab.pdisk.backend;

/** A backend step that is not an external command failed (I/O on the volume directory). */
public class BackendException extends RuntimeException {
    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
