package eu.stratuslab.pdisk.service;

/** A request that ends with an HTTP error status and the exact message of the spec. */
public class PdiskException extends RuntimeException {

    private final int status;

    public PdiskException(int status, String message) {
        super(message);
        this.status = status;
    }

    public PdiskException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static PdiskException badRequest(String message) {
        return new PdiskException(400, message);
    }

    public static PdiskException forbidden(String message) {
        return new PdiskException(403, message);
    }

    public static PdiskException notFound(String message) {
        return new PdiskException(404, message);
    }

    public static PdiskException conflict(String message) {
        return new PdiskException(409, message);
    }
}
