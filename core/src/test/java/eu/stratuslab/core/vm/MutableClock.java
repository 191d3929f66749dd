package eu.stratuslab.core.vm;

import eu.stratuslab.infra.testsupport.ManualClock;
import java.time.Instant;

/** The core tests' clock: a {@link ManualClock} that starts at an epoch second. */
public final class MutableClock extends ManualClock {
    public MutableClock(long epochSecond) {
        super(Instant.ofEpochSecond(epochSecond));
    }
}
