package eu.stratuslab.infra;

/**
 * A checked failure that carries the number its caller answers with (an OpenNebula error code, an
 * HTTP status ...); what the number means is the subclass's business.
 */
public class CodedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int code;

    public CodedException(int code, String message) {
        super(message);
        this.code = code;
    }

    public CodedException(int code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
