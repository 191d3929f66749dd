package eu.stratuslab.pdisk.fetch;

import java.io.IOException;

/**
 * A URL pdisk will not fetch: either malformed for the purpose (a scheme other than http/https,
 * no host — bad input) or somewhere the site does not allow the caller to go (an address class,
 * too many redirects — a matter of rights).
 */
public final class UrlRefusedException extends IOException {

    private final boolean badInput;

    private UrlRefusedException(String message, boolean badInput) {
        super(message);
        this.badInput = badInput;
    }

    static UrlRefusedException badInput(String message) {
        return new UrlRefusedException(message, true);
    }

    static UrlRefusedException notAllowed(String message) {
        return new UrlRefusedException(message, false);
    }

    /** True for a URL that is wrong whoever sends it; false for one this caller may not fetch. */
    public boolean isBadInput() {
        return badInput;
    }
}
