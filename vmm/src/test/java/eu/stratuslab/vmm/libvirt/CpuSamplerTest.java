package eu.stratuslab.vmm.libvirt;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

/** CPU samples from libvirt's cumulative CPU time: no overflow, never negative, bounded by the CPUs. */
public class CpuSamplerTest {
    private static final long SECOND = 1_000_000_000L;
    /** Cumulative CPU time beyond 2^31 ns (a guest that has used more than 2.1 s of CPU). */
    private static final long LONG_RUNNING = (1L << 31) + 5 * SECOND;

    @Test
    public void aBusyCoreIsOneHundredWhateverTheCumulativeTime() {
        CpuSampler s = new CpuSampler();
        long wall = 7_000 * SECOND;
        assertEquals("first sample", 0, s.percent("vm", LONG_RUNNING, wall, 100));
        assertEquals(100, s.percent("vm", LONG_RUNNING + 2 * SECOND, wall + 2 * SECOND, 100));
        assertEquals(50, s.percent("vm", LONG_RUNNING + 3 * SECOND, wall + 4 * SECOND, 100));
        long years = 40L * 365 * 24 * 3600 * SECOND; // two cores for 20 years
        assertEquals(200, s.percent("big", years, wall, 400) + s.percent("big", years + 20 * SECOND, wall + 10 * SECOND, 400));
    }

    @Test
    public void samplesTakenAlmostTogetherStayWithinTheCpus() {
        CpuSampler s = new CpuSampler();
        s.percent("vm", LONG_RUNNING, 1_000, 200);
        // 3 s of CPU reported 100 ns of wall time later: 3e9 %, beyond an int; bounded by 2 vCPUs
        assertEquals(200, s.percent("vm", LONG_RUNNING + 3 * SECOND, 1_100, 200));
    }

    @Test
    public void aCounterThatGoesBackOrAClockThatDoesNotMoveGivesZero() {
        CpuSampler s = new CpuSampler();
        s.percent("vm", LONG_RUNNING, SECOND, 100);
        assertEquals("domain restarted", 0, s.percent("vm", SECOND, 2 * SECOND, 100));
        assertEquals("same instant", 0, s.percent("vm", 2 * SECOND, 2 * SECOND, 100));
        // System.nanoTime() may be negative and wrap: only differences count
        s.percent("wrap", LONG_RUNNING, Long.MAX_VALUE - SECOND / 2, 100);
        assertEquals(100, s.percent("wrap", LONG_RUNNING + SECOND, Long.MIN_VALUE + SECOND / 2 - 1, 100));
    }
}
