package eu.stratuslab.xmlrpc;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Enforces the request size cap while streaming, for bodies without (or with a lying)
 * Content-Length. Reading past the cap throws; {@link #exceeded()} tells the handler to answer 413.
 */
final class BodyLimitInputStream extends FilterInputStream {

    /** Thrown when the cap is crossed; StAX wraps it, so callers check {@link #exceeded()}. */
    static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException(long limit) {
            super("request body exceeds " + limit + " bytes");
        }
    }

    private final long limit;
    private long count;
    private boolean exceeded;

    BodyLimitInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    boolean exceeded() {
        return exceeded;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            account(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        // ask for at most one byte beyond the cap, so crossing it is always noticed
        long allowed = limit - count + 1;
        int n = super.read(b, off, (int) Math.min(len, Math.max(1, allowed)));
        if (n > 0) {
            account(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, limit - count + 1));
        account(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void account(long n) throws BodyTooLargeException {
        count += n;
        if (count > limit) {
            exceeded = true;
            throw new BodyTooLargeException(limit);
        }
    }
}
