package eu.stratuslab.marketplace.server;

/**
 * A request the marketplace refuses, with the HTTP status to answer and a message for the client
 * (plain text, no internals).
 */
public class MarketplaceRequestException extends Exception {

    private final int status;

    public MarketplaceRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    public static MarketplaceRequestException badRequest(String message) {
        return new MarketplaceRequestException(400, message);
    }

    public int status() {
        return status;
    }
}
