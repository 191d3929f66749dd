package eu.stratuslab.vmm.libvirt;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns libvirt's cumulative CPU time into OpenNebula's percentage (100 = one core busy) by
 * comparing with the previous sample of the same key. The first sample of a key yields 0.
 * <p>
 * Cumulative CPU time passes 2^31 ns after two seconds of guest CPU and keeps growing for the
 * life of the domain, so everything is computed in 64 bits and the result is bounded by what the
 * CPUs can deliver ({@code maxPercent}): a sample is never negative and never wraps, even for two
 * samples taken almost at the same instant.
 */
final class CpuSampler {
    private record Sample(long cpuTimeNs, long wallNs) {}

    private final Map<String, Sample> last = new ConcurrentHashMap<>();

    /**
     * @param cpuTimeNs  cumulative CPU time of the key (libvirt's unsigned 64-bit counter)
     * @param wallNs     {@link System#nanoTime()} of the sample
     * @param maxPercent 100 × the CPUs of the domain or host (the upper bound of a sample)
     */
    int percent(String key, long cpuTimeNs, long wallNs, int maxPercent) {
        Sample prev = last.put(key, new Sample(cpuTimeNs, wallNs));
        if (prev == null) {
            return 0;
        }
        long wall = wallNs - prev.wallNs(); // nanoTime values are compared by difference only
        long used = cpuTimeNs - prev.cpuTimeNs();
        if (wall <= 0 || used < 0) {
            return 0; // restarted domain (counter went back) or no time elapsed
        }
        double pct = 100.0 * used / wall;
        long bound = Math.max(0, maxPercent);
        return (int) Math.min(bound, Math.round(pct));
    }

    void forget(String key) {
        last.remove(key);
    }

    /** Drops the samples of every key not in {@code keys} (domains that no longer exist). */
    void retainOnly(java.util.Set<String> keys) {
        last.keySet().retainAll(keys);
    }
}
