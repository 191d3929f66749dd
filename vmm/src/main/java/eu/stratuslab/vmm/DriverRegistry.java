package eu.stratuslab.vmm;

import eu.stratuslab.vmm.dummy.DummyDriver;
import eu.stratuslab.vmm.libvirt.DriverTimeouts;
import eu.stratuslab.vmm.libvirt.LibvirtDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One per process: picks the driver for a host from its VM_MAD and keeps it, so every host has one
 * driver (and every libvirt URI one connection) for the life of the process.
 */
public final class DriverRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DriverRegistry.class);
    private static final Set<String> DUMMY_MADS = Set.of("vmm_dummy", "dummy");
    private static final Set<String> LIBVIRT_MADS = Set.of("vmm_kvm", "kvm", "qemu", "libvirt", "vmm_libvirt");
    /** Host template attribute that overrides the URI derived from the host name. */
    public static final String LIBVIRT_URI = "LIBVIRT_URI";

    private final DriverTimeouts timeouts;
    private final Path migrationDir;
    private final Map<String, HypervisorDriver> drivers = new HashMap<>();
    private boolean closed;

    public DriverRegistry() {
        this(DriverTimeouts.DEFAULT, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * @param migrationDir directory for cold-migration state files, shared by the nodes
     */
    public DriverRegistry(DriverTimeouts timeouts, Path migrationDir) {
        this.timeouts = timeouts;
        this.migrationDir = migrationDir;
    }

    public HypervisorDriver driverFor(String hostName, String vmmMad, Map<String, String> hostTemplate)
            throws DriverException {
        if (hostName == null || hostName.isBlank()) {
            throw new DriverException("host name is empty");
        }
        String mad = vmmMad == null ? "" : vmmMad.strip().toLowerCase(Locale.ROOT);
        final String key;
        final boolean dummy;
        if (DUMMY_MADS.contains(mad)) {
            key = "dummy|" + hostName;
            dummy = true;
        } else if (LIBVIRT_MADS.contains(mad)) {
            key = "libvirt|" + hostName + "|" + libvirtUri(hostName, hostTemplate);
            dummy = false;
        } else {
            throw new DriverException("host " + hostName + ": unknown VM_MAD '" + vmmMad
                    + "' (known: vmm_kvm, kvm, qemu, libvirt, vmm_libvirt, vmm_dummy, dummy)");
        }
        synchronized (drivers) {
            if (closed) {
                throw new DriverException("driver registry is closed");
            }
            HypervisorDriver d = drivers.get(key);
            if (d != null) {
                return d;
            }
        }
        // Opened outside the lock: connecting to a slow node must not hold up lookups of other hosts.
        HypervisorDriver created = dummy ? new DummyDriver(hostName)
                : new LibvirtDriver(hostName, libvirtUri(hostName, hostTemplate), timeouts, migrationDir);
        synchronized (drivers) {
            HypervisorDriver winner = closed ? null : drivers.putIfAbsent(key, created);
            if (closed || winner != null) {
                created.close();
            }
            if (closed) {
                throw new DriverException("driver registry is closed");
            }
            return winner != null ? winner : created;
        }
    }

    /**
     * LIBVIRT_URI from the host template, else: a host name that is a URI is used as is,
     * {@code localhost} is the local system instance, any other name is reached over ssh.
     */
    public static String libvirtUri(String hostName, Map<String, String> hostTemplate) {
        String configured = hostTemplate == null ? null : hostTemplate.get(LIBVIRT_URI);
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        String name = hostName.strip();
        if (name.contains("://")) {
            return name;
        }
        if (name.equals("localhost")) {
            return "qemu:///system";
        }
        return "qemu+ssh://" + name + "/system";
    }

    @Override
    public void close() {
        List<HypervisorDriver> all;
        synchronized (drivers) {
            closed = true;
            all = new ArrayList<>(drivers.values());
            drivers.clear();
        }
        for (HypervisorDriver d : all) {
            try {
                d.close();
            } catch (RuntimeException e) {
                LOG.warn("closing driver failed", e);
            }
        }
    }
}
