package eu.stratuslab.core.vm;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A test clock that stands still until the test moves it. */
public final class MutableClock extends Clock {
    private volatile Instant now;

    public MutableClock(long epochSecond) {
        this.now = Instant.ofEpochSecond(epochSecond);
    }

    public void set(long epochSecond) {
        now = Instant.ofEpochSecond(epochSecond);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
