package eu.stratuslab.xmlrpc;

import java.io.IOException;
import java.io.InputStream;

import eu.stratuslab.infra.http.CappedInputStream;

/**
 * Enforces the request size cap while streaming, for bodies without (or with a lying)
 * Content-Length. Reading past the cap throws; {@link #exceeded()} tells the handler to answer 413.
 */
final class BodyLimitInputStream extends CappedInputStream {

    /** Thrown when the cap is crossed; StAX wraps it, so callers check {@link #exceeded()}. */
    static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException(long limit) {
            super("request body exceeds " + limit + " bytes");
        }
    }

    BodyLimitInputStream(InputStream in, long limit) {
        super(in, limit);
    }

    @Override
    protected IOException tooLarge(long limit) {
        return new BodyTooLargeException(limit);
    }
}
