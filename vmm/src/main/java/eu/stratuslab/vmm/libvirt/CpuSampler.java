package eu.stratuslab.vmm.libvirt;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns libvirt's cumulative CPU time into OpenNebula's percentage (100 = one core busy) by
 * comparing with the previous sample of the same key. The first sample of a key yields 0.
 */
final class CpuSampler {
    private record Sample(long cpuTimeNs, long wallNs) {}

    private final Map<String, Sample> last = new ConcurrentHashMap<>();

    int percent(String key, long cpuTimeNs, long wallNs) {
        Sample prev = last.put(key, new Sample(cpuTimeNs, wallNs));
        if (prev == null || wallNs <= prev.wallNs() || cpuTimeNs < prev.cpuTimeNs()) {
            return 0;
        }
        double pct = 100.0 * (cpuTimeNs - prev.cpuTimeNs()) / (wallNs - prev.wallNs());
        return (int) Math.round(pct);
    }

    void forget(String key) {
        last.remove(key);
    }
}
