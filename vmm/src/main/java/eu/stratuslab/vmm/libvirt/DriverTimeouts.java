package eu.stratuslab.vmm.libvirt;

import java.time.Duration;

/**
 * Deadlines for libvirt calls.
 *
 * @param call     ordinary calls (lookups, state changes, probes)
 * @param longCall calls that move memory or start guests (deploy, save, restore, migrate)
 */
public record DriverTimeouts(Duration call, Duration longCall) {
    public static final DriverTimeouts DEFAULT = new DriverTimeouts(Duration.ofSeconds(30), Duration.ofMinutes(5));
}
