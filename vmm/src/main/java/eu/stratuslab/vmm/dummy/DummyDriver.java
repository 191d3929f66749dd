package eu.stratuslab.vmm.dummy;

import eu.stratuslab.vmm.DeployIds;
import eu.stratuslab.vmm.DomainEventListener;
import eu.stratuslab.vmm.DomainStatus;
import eu.stratuslab.vmm.DomainStatus.State;
import eu.stratuslab.vmm.DriverException;
import eu.stratuslab.vmm.EventDispatcher;
import eu.stratuslab.vmm.HostProbe;
import eu.stratuslab.vmm.HypervisorDriver;
import eu.stratuslab.vmm.domain.DomainSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenNebula's im_dummy/vmm_dummy for test installations (xmlrpc-api.md §12): a fixed-size host
 * and actions that succeed at once without touching any hypervisor. Domains are remembered in
 * memory so that status and listDomains tell the same story as a real node would.
 */
public final class DummyDriver implements HypervisorDriver {
    static final String SAVE_MAGIC = "stratuslab-dummy-save";
    private static final int TOTAL_CPU = 800;
    private static final long TOTAL_MEMORY_KB = 16_777_216L;

    private final String hostName;
    private final Map<String, Domain> domains = new ConcurrentHashMap<>();
    private final EventDispatcher events;

    private record Domain(State state, long memoryKb, List<DomainSpec.Disk> disks) {
        Domain(State state, long memoryKb) {
            this(state, memoryKb, List.of());
        }

        Domain with(State s) {
            return new Domain(s, memoryKb, disks);
        }

        Domain withDisks(List<DomainSpec.Disk> d) {
            return new Domain(state, memoryKb, List.copyOf(d));
        }
    }

    public DummyDriver(String hostName) {
        this.hostName = hostName;
        this.events = new EventDispatcher("vmm-dummy-events-" + hostName);
    }

    public String hostName() {
        return hostName;
    }

    /** {@code <host>:one-<vmid>:dummy}, as OpenNebula's vmm_dummy answered. */
    public String deployIdFor(String domainName) {
        return hostName + ":" + domainName + ":dummy";
    }

    @Override
    public HostProbe probe() {
        return new HostProbe(TOTAL_CPU, TOTAL_MEMORY_KB, TOTAL_CPU, TOTAL_MEMORY_KB, 0, 0, "dummy", "x86_64",
                "dummy", "2200", 0, 0, hostName);
    }

    @Override
    public String deploy(DomainSpec spec) throws DriverException {
        String id = deployIdFor(spec.name());
        Domain started = new Domain(State.RUNNING, spec.memoryKb(), spec.disks());
        // Like libvirt: a defined but stopped domain may be started again, a running one not.
        Domain now = domains.merge(id, started, (old, fresh) -> old.state() == State.SHUTOFF ? fresh : old);
        if (now != started) {
            throw new DriverException("domain " + spec.name() + " is already running on " + hostName);
        }
        events.fire(id, State.RUNNING);
        return id;
    }

    @Override
    public void shutdown(String deployId) throws DriverException {
        transition(deployId, State.SHUTOFF);
    }

    @Override
    public void destroy(String deployId) {
        if (domains.remove(deployId) != null) {
            events.fire(deployId, State.MISSING);
        }
    }

    @Override
    public void reboot(String deployId) throws DriverException {
        require(deployId);
    }

    @Override
    public void suspend(String deployId) throws DriverException {
        transition(deployId, State.PAUSED);
    }

    @Override
    public void resume(String deployId) throws DriverException {
        transition(deployId, State.RUNNING);
    }

    @Override
    public void save(String deployId, Path stateFile) throws DriverException {
        Domain d = require(deployId);
        String domainName = deployId.split(":", -1).length == 3 ? deployId.split(":")[1] : deployId;
        try {
            Files.writeString(stateFile, SAVE_MAGIC + "\n" + domainName + "\n" + d.memoryKb() + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DriverException("cannot write state file " + stateFile + ": " + e.getMessage(), e);
        }
        domains.remove(deployId);
        events.fire(deployId, State.MISSING);
    }

    @Override
    public String restore(Path stateFile) throws DriverException {
        String[] lines;
        try {
            lines = Files.readString(stateFile, StandardCharsets.UTF_8).split("\n");
        } catch (IOException e) {
            throw new DriverException("cannot read state file " + stateFile + ": " + e.getMessage(), e);
        }
        if (lines.length < 3 || !SAVE_MAGIC.equals(lines[0]) || !DeployIds.isOneDomain(lines[1])) {
            throw new DriverException("state file " + stateFile + " was not written by the dummy driver");
        }
        String id = deployIdFor(lines[1]);
        domains.put(id, new Domain(State.RUNNING, Long.parseLong(lines[2].strip())));
        events.fire(id, State.RUNNING);
        return id;
    }

    /** Moves the domain record; the target must be a dummy driver too. */
    @Override
    public void migrate(String deployId, HypervisorDriver target, boolean live) throws DriverException {
        if (!(target instanceof DummyDriver other)) {
            throw new DriverException("dummy domains can only migrate to dummy hosts");
        }
        Domain d = require(deployId);
        String domainName = deployId.split(":")[1];
        domains.remove(deployId);
        events.fire(deployId, State.MISSING);
        String newId = other.deployIdFor(domainName);
        other.domains.put(newId, d.with(State.RUNNING));
        other.events.fire(newId, State.RUNNING);
    }

    @Override
    public DomainStatus status(String deployId) {
        Domain d = domains.get(deployId);
        if (d == null) {
            return DomainStatus.missing();
        }
        return new DomainStatus(d.state(), d.state() == State.SHUTOFF ? 0 : d.memoryKb(), 0, 0, 0);
    }

    @Override
    public void attachDisk(String deployId, DomainSpec.Disk disk) throws DriverException {
        synchronized (domains) {
            Domain d = require(deployId);
            if (d.state() != State.RUNNING) {
                throw new DriverException("domain " + deployId + " is not running on " + hostName);
            }
            if (d.disks().stream().anyMatch(x -> x.target().equals(disk.target()))) {
                throw new DriverException("domain " + deployId + " already has a disk " + disk.target());
            }
            List<DomainSpec.Disk> disks = new ArrayList<>(d.disks());
            disks.add(disk);
            domains.put(deployId, d.withDisks(disks));
        }
    }

    @Override
    public void detachDisk(String deployId, String target) throws DriverException {
        synchronized (domains) {
            Domain d = require(deployId);
            domains.put(deployId, d.withDisks(d.disks().stream().filter(x -> !x.target().equals(target)).toList()));
        }
    }

    /** A description in libvirt's layout (name, memory, disks) built from what the domain was given. */
    @Override
    public String domainXml(String deployId) throws DriverException {
        Domain d = require(deployId);
        String[] parts = deployId.split(":", -1);
        String name = parts.length == 3 ? parts[1] : deployId;
        return eu.stratuslab.vmm.domain.DomainXml.build(new DomainSpec(name, null, 1, Math.max(1, d.memoryKb()),
                "test", null, d.disks(), List.of(), null, null, false));
    }

    @Override
    public Set<String> listDomains() {
        return new TreeSet<>(domains.keySet());
    }

    @Override
    public void addEventListener(DomainEventListener listener) {
        events.add(listener);
    }

    @Override
    public void close() {
        events.close();
    }

    private Domain require(String deployId) throws DriverException {
        Domain d = domains.get(deployId);
        if (d == null) {
            throw new DriverException("domain " + deployId + " not found on " + hostName);
        }
        return d;
    }

    private void transition(String deployId, State to) throws DriverException {
        Domain d = require(deployId);
        domains.put(deployId, d.with(to));
        events.fire(deployId, to);
    }
}
