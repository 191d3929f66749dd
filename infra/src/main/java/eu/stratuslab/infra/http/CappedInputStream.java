package eu.stratuslab.infra.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that fails once more than {@code limit} bytes went through it (read or skipped), for
 * bodies whose declared length cannot be trusted. It never asks the stream below for more than one
 * byte beyond the cap, so crossing it is always noticed; {@link #exceeded()} stays true afterwards
 * for callers whose parser wrapped the exception.
 */
public abstract class CappedInputStream extends FilterInputStream {

    private final long limit;
    private long count;
    private boolean exceeded;

    protected CappedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    /** The exception thrown when the cap is crossed. */
    protected abstract IOException tooLarge(long limit);

    public final boolean exceeded() {
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

    private void account(long n) throws IOException {
        count += n;
        if (count > limit) {
            exceeded = true;
            throw tooLarge(limit);
        }
    }
}
