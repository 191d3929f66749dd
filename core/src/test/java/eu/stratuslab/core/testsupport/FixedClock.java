package eu.stratuslab.core.testsupport;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Clocks for tests: LAST_MON_TIME and REGTIME become predictable. */
public final class FixedClock {
    private FixedClock() {
    }

    public static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }
}
