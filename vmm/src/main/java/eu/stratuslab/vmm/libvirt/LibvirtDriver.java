package eu.stratuslab.vmm.libvirt;

import eu.stratuslab.vmm.DeployIds;
import eu.stratuslab.vmm.DomainEventListener;
import eu.stratuslab.vmm.DomainStatus;
import eu.stratuslab.vmm.DriverException;
import eu.stratuslab.vmm.EventDispatcher;
import eu.stratuslab.vmm.HostProbe;
import eu.stratuslab.vmm.HypervisorDriver;
import eu.stratuslab.vmm.domain.DomainSpec;
import eu.stratuslab.vmm.domain.DomainXml;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.DomainInterfaceStats;
import org.libvirt.LibvirtException;
import org.libvirt.event.DomainEvent;
import org.libvirt.event.LifecycleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A node managed through libvirt (qemu/kvm, or the test driver). Domains are persistent
 * ({@code one-<vmid>}); {@link #destroy} both powers them off and undefines them. Every libvirt
 * handle obtained here is freed before the call returns.
 */
public final class LibvirtDriver implements HypervisorDriver {
    private static final Logger LOG = LoggerFactory.getLogger(LibvirtDriver.class);
    private static final int MIGRATE_LIVE = 1;
    private static final int MIGRATE_PERSIST_DEST = 8;
    private static final int MIGRATE_UNDEFINE_SOURCE = 16;

    private final String hostName;
    private final String uri;
    /** Replaced when libvirtd went away and the connection had to be opened again. */
    private volatile LibvirtConnections.Lease lease;
    private final DriverTimeouts timeouts;
    private final Path migrationDir;
    private final EventDispatcher events;
    private final CpuSampler domainCpu = new CpuSampler();
    private final CpuSampler hostCpu = new CpuSampler();
    private final LifecycleListener lifecycle = this::onLifecycle;
    private final Object registration = new Object();
    private volatile boolean listening;
    private volatile boolean closed;

    /**
     * @param migrationDir where cold migration puts the state file; must be visible from both nodes
     */
    public LibvirtDriver(String hostName, String uri, DriverTimeouts timeouts, Path migrationDir)
            throws DriverException {
        this.hostName = hostName;
        this.timeouts = timeouts;
        this.migrationDir = migrationDir;
        this.uri = uri;
        this.lease = LibvirtConnections.acquire(uri, timeouts.call());
        this.events = new EventDispatcher("vmm-libvirt-events-" + hostName);
    }

    public String uri() {
        return uri;
    }

    public String hostName() {
        return hostName;
    }

    // ---------------------------------------------------------------- monitoring

    @Override
    public HostProbe probe() throws DriverException {
        return call("probe " + uri(), conn -> HostProbeReader.read(conn, hostCpu));
    }

    @Override
    public DomainStatus status(String deployId) throws DriverException {
        return call("status of " + deployId, conn -> {
            Domain d = lookupOrNull(conn, deployId);
            if (d == null) {
                domainCpu.forget(deployId);
                return DomainStatus.missing();
            }
            try {
                DomainInfo info = d.getInfo();
                DomainStatus.State state = StateMapping.fromInfo(info.state);
                if (state == DomainStatus.State.SHUTOFF) {
                    domainCpu.forget(deployId);
                    return new DomainStatus(state, 0, 0, 0, 0);
                }
                int cpu = domainCpu.percent(deployId, info.cpuTime, System.nanoTime(), Math.max(1, info.nrVirtCpu) * 100);
                long[] net = interfaceTotals(d);
                return new DomainStatus(state, info.memory, cpu, net[1], net[0]);
            } finally {
                free(d);
            }
        });
    }

    @Override
    public Set<String> listDomains() throws DriverException {
        return call("list domains on " + uri(), conn -> {
            Set<String> names = new TreeSet<>();
            for (String name : conn.listDefinedDomains()) {
                if (DeployIds.isOneDomain(name)) {
                    names.add(name);
                }
            }
            for (int id : conn.listDomains()) {
                Domain d = lookupById(conn, id);
                if (d == null) {
                    continue; // stopped between the two calls
                }
                try {
                    String name = d.getName();
                    if (DeployIds.isOneDomain(name)) {
                        names.add(name);
                    }
                } finally {
                    free(d);
                }
            }
            return names;
        });
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public String deploy(DomainSpec spec) throws DriverException {
        final String xml;
        try {
            xml = DomainXml.build(spec);
        } catch (IllegalArgumentException e) {
            throw new DriverException("cannot deploy " + spec.name() + ": " + e.getMessage(), e);
        }
        return callLong("deploy " + spec.name() + " on " + uri(), conn -> {
            Domain existing = lookupOrNull(conn, spec.name());
            if (existing != null) {
                try {
                    if (existing.isActive() == 1) {
                        throw new DriverException("domain " + spec.name() + " is already running on " + hostName);
                    }
                    // A stopped leftover (guest powered off, never destroyed): the new definition
                    // replaces it, which a plain define would refuse when the UUIDs differ.
                    undefine(existing);
                } finally {
                    free(existing);
                }
            }
            Domain d = conn.domainDefineXML(xml);
            try {
                d.create();
            } catch (LibvirtException e) {
                undefineQuietly(d);
                throw e;
            } finally {
                free(d);
            }
            return spec.name();
        });
    }

    @Override
    public void shutdown(String deployId) throws DriverException {
        onDomain("shutdown", deployId, Domain::shutdown);
    }

    @Override
    public void destroy(String deployId) throws DriverException {
        call("destroy " + deployId, conn -> {
            Domain d = lookupOrNull(conn, deployId);
            if (d == null) {
                return null;
            }
            try {
                if (d.isActive() == 1) {
                    try {
                        d.destroy();
                    } catch (LibvirtException e) {
                        if (!LibvirtErrors.isInvalidOperation(e)) { // it stopped on its own meanwhile
                            throw e;
                        }
                    }
                }
                if (d.isPersistent() == 1) {
                    undefine(d);
                }
            } catch (LibvirtException e) {
                if (!LibvirtErrors.isNoDomain(e)) {
                    throw e;
                }
            } finally {
                free(d);
            }
            domainCpu.forget(deployId);
            return null;
        });
    }

    @Override
    public void reboot(String deployId) throws DriverException {
        onDomain("reboot", deployId, d -> d.reboot(0));
    }

    @Override
    public void suspend(String deployId) throws DriverException {
        onDomain("suspend", deployId, Domain::suspend);
    }

    @Override
    public void resume(String deployId) throws DriverException {
        onDomain("resume", deployId, Domain::resume);
    }

    @Override
    public void save(String deployId, Path stateFile) throws DriverException {
        String path = stateFile.toAbsolutePath().toString();
        callLong("save " + deployId + " to " + path, conn -> {
            Domain d = require(conn, deployId);
            try {
                // Ask before saving: a transient domain (one that was restored) is gone after the
                // save, and asking it then fails with "domain not found".
                boolean persistent = d.isPersistent() == 1;
                d.save(path);
                if (persistent) {
                    undefine(d);
                }
            } finally {
                free(d);
            }
            return null;
        });
    }

    @Override
    public String restore(Path stateFile) throws DriverException {
        return restore(stateFile, SaveImageHeader.domainName(stateFile));
    }

    @Override
    public String restore(Path stateFile, String name) throws DriverException {
        String path = stateFile.toAbsolutePath().toString();
        callLong("restore " + name + " from " + path, conn -> {
            conn.restore(path);
            return null;
        });
        return name;
    }

    @Override
    public void migrate(String deployId, HypervisorDriver target, boolean live) throws DriverException {
        if (live) {
            if (!(target instanceof LibvirtDriver other)) {
                throw new DriverException("live migration of " + deployId + " needs a libvirt target");
            }
            migrateLive(deployId, other);
            return;
        }
        Path stateFile = migrationDir.resolve(deployId + "." + System.nanoTime() + ".state");
        save(deployId, stateFile);
        try {
            target.restore(stateFile);
        } finally {
            try {
                Files.deleteIfExists(stateFile);
            } catch (IOException e) {
                LOG.warn("cannot delete migration state file {}: {}", stateFile, e.getMessage());
            }
        }
    }

    private void migrateLive(String deployId, LibvirtDriver other) throws DriverException {
        callLong("migrate " + deployId + " to " + other.uri(), conn -> {
            Domain d = require(conn, deployId);
            try {
                Domain moved = d.migrate(other.lease.connect(), MIGRATE_LIVE | MIGRATE_PERSIST_DEST | MIGRATE_UNDEFINE_SOURCE,
                        null, null, 0);
                free(moved);
            } finally {
                free(d);
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- disk hot-plug

    /**
     * libvirt's test driver has no device hot-plug (virDomainAttachDevice is "not supported"); on
     * {@code test:} URIs attach and detach change the domain's definition instead, and
     * {@link #domainXml} reports the definition, so embedded test clouds behave like a node.
     */
    private boolean definitionOnly() {
        return uri.startsWith("test:");
    }

    @Override
    public void attachDisk(String deployId, DomainSpec.Disk disk) throws DriverException {
        String xml = DomainXml.disk(disk);
        call("attach disk " + disk.target() + " to " + deployId, conn -> {
            Domain d = require(conn, deployId);
            try {
                if (d.isActive() != 1) {
                    throw new DriverException("domain " + deployId + " is not running on " + hostName);
                }
                if (DomainXml.diskTargets(d.getXMLDesc(0)).contains(disk.target())) {
                    throw new DriverException("domain " + deployId + " already has a disk " + disk.target());
                }
                if (definitionOnly()) {
                    String def = d.getXMLDesc(Domain.XMLFlags.INACTIVE);
                    if (DomainXml.diskTargets(def).contains(disk.target())) {
                        throw new DriverException("domain " + deployId + " already has a disk " + disk.target());
                    }
                    free(conn.domainDefineXML(DefinitionEdits.withDisk(def, xml)));
                } else {
                    d.attachDeviceFlags(xml, deviceFlags(d));
                }
            } finally {
                free(d);
            }
            return null;
        });
    }

    @Override
    public void detachDisk(String deployId, String target) throws DriverException {
        call("detach disk " + target + " from " + deployId, conn -> {
            Domain d = require(conn, deployId);
            try {
                if (definitionOnly()) {
                    String def = d.getXMLDesc(Domain.XMLFlags.INACTIVE);
                    String without = DefinitionEdits.withoutDisk(def, target);
                    if (without != null) {
                        free(conn.domainDefineXML(without));
                    }
                    return null;
                }
                String element = DefinitionEdits.diskElement(d.getXMLDesc(0), target);
                if (element != null) {
                    d.detachDeviceFlags(element, deviceFlags(d));
                }
            } finally {
                free(d);
            }
            return null;
        });
    }

    @Override
    public String domainXml(String deployId) throws DriverException {
        return call("describe " + deployId, conn -> {
            Domain d = require(conn, deployId);
            try {
                return d.getXMLDesc(definitionOnly() ? Domain.XMLFlags.INACTIVE : 0);
            } finally {
                free(d);
            }
        });
    }

    /** Live, and the definition too for persistent domains, so a guest reboot keeps the device. */
    private static int deviceFlags(Domain d) throws LibvirtException {
        return Domain.DeviceModifyFlags.LIVE | (d.isPersistent() == 1 ? Domain.DeviceModifyFlags.CONFIG : 0);
    }

    // ---------------------------------------------------------------- events

    @Override
    public void addEventListener(DomainEventListener listener) {
        events.add(listener);
        // Not the monitor of this driver: the registration call may need it to reconnect.
        synchronized (registration) {
            if (listening || closed) {
                return;
            }
            try {
                call("register lifecycle events on " + uri(), conn -> {
                    synchronized (conn) {
                        conn.addLifecycleListener(lifecycle);
                    }
                    return null;
                });
                listening = true;
            } catch (DriverException e) {
                LOG.warn("no lifecycle events from {}: {}", uri(), e.getMessage());
            }
        }
    }

    /** Runs on libvirt's event-loop thread: only reads the name and hands over to the dispatcher. */
    private int onLifecycle(Domain domain, DomainEvent event) {
        try {
            String name = domain.getName();
            DomainStatus.State state = StateMapping.fromEvent(event.getType());
            if (state != null && DeployIds.isOneDomain(name)) {
                events.fire(name, state);
            }
        } catch (LibvirtException e) {
            LOG.debug("lifecycle event for an unreadable domain: {}", e.getMessage());
        } finally {
            free(domain);
        }
        return 0;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (listening) {
            try {
                Connect conn = lease.connect();
                LibvirtCalls.withDeadline("unregister lifecycle events on " + uri(), timeouts.call(), () -> {
                    synchronized (conn) {
                        conn.removeLifecycleListener(lifecycle);
                    }
                    return null;
                });
            } catch (DriverException e) {
                LOG.warn("{}", e.getMessage());
            }
        }
        events.close();
        LibvirtConnections.release(lease);
    }

    // ---------------------------------------------------------------- helpers

    @FunctionalInterface
    private interface DomainAction {
        void apply(Domain d) throws LibvirtException;
    }

    private void onDomain(String what, String deployId, DomainAction action) throws DriverException {
        call(what + " " + deployId, conn -> {
            Domain d = require(conn, deployId);
            try {
                action.apply(d);
            } finally {
                free(d);
            }
            return null;
        });
    }

    @FunctionalInterface
    private interface ConnCall<T> {
        T run(Connect conn) throws LibvirtException, DriverException;
    }

    private <T> T call(String what, ConnCall<T> c) throws DriverException {
        return callWithin(what, timeouts.call(), c);
    }

    private <T> T callLong(String what, ConnCall<T> c) throws DriverException {
        return callWithin(what, timeouts.longCall(), c);
    }

    private <T> T callWithin(String what, Duration deadline, ConnCall<T> c) throws DriverException {
        ensureOpen();
        return LibvirtCalls.withDeadline(what, deadline, () -> c.run(liveConnection()));
    }

    /**
     * The connection, opened again first when libvirtd went away (restart, network cut): the
     * keep-alive marks such connections dead, and without this the driver would fail for ever.
     */
    private Connect liveConnection() throws LibvirtException, DriverException {
        LibvirtConnections.Lease current = lease;
        if (isAlive(current.connect())) {
            return current.connect();
        }
        synchronized (this) {
            if (lease != current) {
                return lease.connect(); // another call reconnected meanwhile
            }
            LOG.warn("libvirt connection {} is dead; reconnecting", uri);
            LibvirtConnections.evict(current);
            LibvirtConnections.Lease fresh = LibvirtConnections.acquire(uri, timeouts.call());
            if (listening) {
                Connect c = fresh.connect();
                synchronized (c) {
                    c.addLifecycleListener(lifecycle);
                }
            }
            lease = fresh;
            LibvirtConnections.release(current);
            return fresh.connect();
        }
    }

    private static boolean isAlive(Connect c) {
        try {
            return c.isAlive();
        } catch (LibvirtException | RuntimeException e) {
            return false;
        }
    }

    private void ensureOpen() throws DriverException {
        if (closed) {
            throw new DriverException("driver for " + hostName + " is closed");
        }
    }

    private Domain require(Connect conn, String deployId) throws LibvirtException, DriverException {
        Domain d = lookupOrNull(conn, deployId);
        if (d == null) {
            throw new DriverException("domain " + deployId + " not found on " + hostName);
        }
        return d;
    }

    private static Domain lookupOrNull(Connect conn, String name) throws LibvirtException {
        return unlessGone(() -> conn.domainLookupByName(name));
    }

    /** The running domain with that id; null when it stopped since the id was listed. */
    static Domain lookupById(Connect conn, int id) throws LibvirtException {
        return unlessGone(() -> conn.domainLookupByID(id));
    }

    @FunctionalInterface
    private interface Lookup {
        Domain find() throws LibvirtException;
    }

    private static Domain unlessGone(Lookup lookup) throws LibvirtException {
        try {
            return lookup.find();
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNoDomain(e)) {
                return null;
            }
            throw e;
        }
    }

    /** [rx, tx] bytes summed over the domain's interfaces; zeros when the driver keeps no statistics. */
    static long[] interfaceTotals(Domain d) throws LibvirtException {
        long rx = 0;
        long tx = 0;
        List<String> devs = new ArrayList<>(DomainXmlFacts.interfaceDevices(d.getXMLDesc(0)));
        for (String dev : devs) {
            try {
                DomainInterfaceStats s = d.interfaceStats(dev);
                rx += Math.max(0, s.rx_bytes);
                tx += Math.max(0, s.tx_bytes);
            } catch (LibvirtException e) {
                LOG.debug("no statistics for interface {}: {}", dev, e.getMessage());
            }
        }
        return new long[] {rx, tx};
    }

    private static void undefine(Domain d) throws LibvirtException {
        try {
            d.undefine();
        } catch (LibvirtException e) {
            if (!LibvirtErrors.isNoDomain(e) && !LibvirtErrors.isInvalidOperation(e)) {
                throw e;
            }
        }
    }

    private static void undefineQuietly(Domain d) {
        try {
            d.undefine();
        } catch (LibvirtException e) {
            LOG.warn("cannot undefine domain after failed start: {}", LibvirtErrors.message(e));
        }
    }

    static void free(Domain d) {
        if (d == null) {
            return;
        }
        try {
            d.free();
        } catch (LibvirtException e) {
            LOG.debug("freeing a domain handle failed: {}", e.getMessage());
        }
    }
}
