package eu.stratuslab.vmmanager;

import java.time.Duration;

/**
 * Settings of the libvirt VM manager.
 *
 * @param workers          threads that run hypervisor and transfer work (the bounded executor)
 * @param queueCapacity    work items that may wait for a worker; beyond it a request fails at once
 * @param driverTimeout    deadline of one ordinary driver call (status, shutdown, destroy, reboot)
 * @param longTimeout      deadline of deploy, save, restore, migrate and of external tools (qemu-img, mkfs)
 * @param shutdownTimeout  how long an ACPI shutdown may take before the domain is destroyed (default 300 s)
 * @param shutdownPoll     how often a pending shutdown polls the domain status (events usually come first)
 * @param monitorInterval  VM monitoring period (default 10 s); zero or negative: no periodic polls
 * @param defaultDomainType domain type for libvirt qemu hosts whose template has no HYPERVISOR_TYPE
 *                         ({@code kvm} or {@code qemu}); test URIs always use {@code test}
 * @param nodeVmDir        the VM directory on remote nodes reached over ssh (OpenNebula's VM_DIR, default
 *                         {@code /var/lib/one}; docs/remote-nodes.md)
 */
public record VmManagerSettings(int workers, int queueCapacity, Duration driverTimeout, Duration longTimeout,
                                Duration shutdownTimeout, Duration shutdownPoll, Duration monitorInterval,
                                String defaultDomainType, java.nio.file.Path nodeVmDir) {

    /** The VM directory of remote nodes in OpenNebula's place. */
    public static final java.nio.file.Path DEFAULT_NODE_VM_DIR = java.nio.file.Path.of("/var/lib/one");

    /** Settings with remote nodes' VM directory at {@link #DEFAULT_NODE_VM_DIR}. */
    public VmManagerSettings(int workers, int queueCapacity, Duration driverTimeout, Duration longTimeout,
                             Duration shutdownTimeout, Duration shutdownPoll, Duration monitorInterval,
                             String defaultDomainType) {
        this(workers, queueCapacity, driverTimeout, longTimeout, shutdownTimeout, shutdownPoll, monitorInterval,
                defaultDomainType, DEFAULT_NODE_VM_DIR);
    }

    public VmManagerSettings {
        if (workers < 1) {
            throw new IllegalArgumentException("VM manager workers must be at least 1");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("VM manager queue capacity must be at least 1");
        }
    }

    /** Defaults; the domain type is {@code kvm} when this machine has /dev/kvm, else {@code qemu} (TCG). */
    public static VmManagerSettings defaults() {
        String type = java.nio.file.Files.exists(java.nio.file.Path.of("/dev/kvm")) ? "kvm" : "qemu";
        return new VmManagerSettings(8, 10_000, Duration.ofSeconds(60), Duration.ofMinutes(6),
                Duration.ofSeconds(300), Duration.ofSeconds(1), Duration.ofSeconds(10), type);
    }

    public VmManagerSettings withShutdownTimeout(Duration d) {
        return new VmManagerSettings(workers, queueCapacity, driverTimeout, longTimeout, d, shutdownPoll,
                monitorInterval, defaultDomainType, nodeVmDir);
    }

    public VmManagerSettings withMonitorInterval(Duration d) {
        return new VmManagerSettings(workers, queueCapacity, driverTimeout, longTimeout, shutdownTimeout,
                shutdownPoll, d, defaultDomainType, nodeVmDir);
    }

    public VmManagerSettings withShutdownPoll(Duration d) {
        return new VmManagerSettings(workers, queueCapacity, driverTimeout, longTimeout, shutdownTimeout, d,
                monitorInterval, defaultDomainType, nodeVmDir);
    }

    public VmManagerSettings withNodeVmDir(java.nio.file.Path dir) {
        return new VmManagerSettings(workers, queueCapacity, driverTimeout, longTimeout, shutdownTimeout, shutdownPoll,
                monitorInterval, defaultDomainType, dir);
    }
}
