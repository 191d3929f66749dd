package eu.stratuslab.pdisk.fetch;

import java.io.IOException;

/** A URL the site does not allow pdisk to fetch (scheme, address class, redirect limit). */
public final class UrlRefusedException extends IOException {

    public UrlRefusedException(String message) {
        super(message);
    }
}
