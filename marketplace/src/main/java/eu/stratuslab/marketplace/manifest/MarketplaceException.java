package eu.stratuslab.marketplace.manifest;

import java.io.IOException;

/** A marketplace request that failed; the message says which request and why (status, server text). */
public class MarketplaceException extends IOException {

    private final int status;

    public MarketplaceException(String message, int status) {
        super(message);
        this.status = status;
    }

    public MarketplaceException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
    }

    /** The HTTP status of the answer, or -1 when there was none. */
    public int status() {
        return status;
    }
}
