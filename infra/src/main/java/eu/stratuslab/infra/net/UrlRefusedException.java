package eu.stratuslab.infra.net;

import java.io.IOException;

/**
 * A URL the cloud will not fetch for this caller: either malformed for the purpose (a scheme other than http/https,
 * no host — bad input) or somewhere the site does not allow the caller to go (an address class,
 * too many redirects — a matter of rights).
 */
public final class UrlRefusedException extends IOException {

    private final boolean badInput;

    private UrlRefusedException(String message, boolean badInput) {
        super(message);
        this.badInput = badInput;
    }

    public static UrlRefusedException badInput(String message) {
        return new UrlRefusedException(message, true);
    }

    public static UrlRefusedException notAllowed(String message) {
        return new UrlRefusedException(message, false);
    }

    /** True for a URL that is wrong whoever sends it; false for one this caller may not fetch. */
    public boolean isBadInput() {
        return badInput;
    }
}
