package eu.stratuslab.infra.log;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * A warning line that anybody on the network can trigger (a malformed request, a failed login),
 * logged at most {@code maxLines} times per window so that no client can grow the log without
 * bound. Lines beyond that are counted, and the count is logged once with the next line of a
 * later window (issue 13 items 6 and 7). Thread-safe.
 */
public final class RateLimitedLog {

    private final Logger log;
    private final int maxLines;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private long windowStart;
    private int linesInWindow;
    private long suppressed;

    public RateLimitedLog(Logger log, int maxLines, Duration window) {
        this(log, maxLines, window, System::nanoTime);
    }

    /** As the public constructor with a clock (tests). */
    public RateLimitedLog(Logger log, int maxLines, Duration window, LongSupplier nanoTime) {
        if (maxLines <= 0 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("maxLines and window must be positive");
        }
        this.log = log;
        this.maxLines = maxLines;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
        this.windowStart = nanoTime.getAsLong();
    }

    /** Logs the line at WARN unless this window's quota is used up; returns whether it was logged. */
    public boolean warn(String format, Object... arguments) {
        long dropped;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (now - windowStart >= windowNanos) {
                windowStart = now;
                linesInWindow = 0;
            }
            if (linesInWindow >= maxLines) {
                suppressed++;
                return false;
            }
            linesInWindow++;
            dropped = suppressed;
            suppressed = 0;
        }
        if (dropped > 0) {
            log.warn("{} similar line(s) not logged (at most {} per {} s)", dropped, maxLines, windowNanos / 1_000_000_000L);
        }
        log.warn(format, arguments);
        return true;
    }

    /** Lines not logged since the last line that was. */
    public synchronized long suppressed() {
        return suppressed;
    }
}
