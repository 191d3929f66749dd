package eu.stratuslab.marketplace.server;

import eu.stratuslab.infra.CodedException;

/**
 * A request the marketplace refuses, with the HTTP status to answer (the {@link #code()}) and a
 * message for the client (plain text, no internals).
 */
public class MarketplaceRequestException extends CodedException {
    private static final long serialVersionUID = 1L;

    public MarketplaceRequestException(int status, String message) {
        super(status, message);
    }

    public static MarketplaceRequestException badRequest(String message) {
        return new MarketplaceRequestException(400, message);
    }

    /** The HTTP status to answer with. */
    public int status() {
        return code();
    }
}
