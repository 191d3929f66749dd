package eu.stratuslab.core.host;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.infra.db.Database;
import eu.stratuslab.core.db.IdSequence;
import eu.stratuslab.core.db.JsonBodies;
import eu.stratuslab.core.pool.Writes;
import eu.stratuslab.template.Template;
import eu.stratuslab.vmm.HostProbe;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts. Each host is an immutable snapshot; a change takes the host's own lock, stores the new
 * snapshot and then publishes it, so concurrent charges of one host never lose an update and
 * different hosts never wait for each other.
 */
public final class HostPool {
    private static final Logger LOG = LoggerFactory.getLogger(HostPool.class);
    static final String TABLE = "host_pool";

    private final Database db;
    private final IdSequence ids;
    private final Clock clock;
    private final NavigableMap<Integer, Host> byId = new ConcurrentSkipListMap<>();
    private final Map<Integer, Object> locks = new ConcurrentHashMap<>();
    private final List<IntConsumer> probeRequests = new CopyOnWriteArrayList<>();
    private final List<IntConsumer> roomListeners = new CopyOnWriteArrayList<>();

    private HostPool(Database db, IdSequence ids, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
    }

    public static HostPool load(Database db, Clock clock) throws SQLException {
        HostPool pool = new HostPool(db, IdSequence.load(db, TABLE, 0), clock);
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT body FROM host_pool ORDER BY oid");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Host h = JsonBodies.read(rs.getString(1), Host.Body.class).toHost();
                pool.byId.put(h.id(), h);
            }
        }
        return pool;
    }

    // ------------------------------------------------------------------ reads

    public Host get(int hid) throws OneException {
        return OneException.requireFound(byId.get(hid), "host", hid);
    }

    /** null when unknown. */
    public Host byId(int hid) {
        return byId.get(hid);
    }

    /** null when unknown. */
    public Host byName(String name) {
        for (Host h : byId.values()) {
            if (h.name().equals(name)) {
                return h;
            }
        }
        return null;
    }

    /** All hosts, ascending id. */
    public List<Host> all() {
        return new ArrayList<>(byId.values());
    }

    public String document(int hid) throws OneException {
        return get(hid).document();
    }

    public String poolDocument() {
        StringBuilder sb = new StringBuilder(2048 * byId.size() + 32).append("<HOST_POOL>");
        for (Host h : byId.values()) {
            sb.append(h.document());
        }
        return sb.append("</HOST_POOL>").toString();
    }

    /** The monitor registers here to probe a host at once after allocate and enable. */
    public void onProbeNeeded(IntConsumer listener) {
        probeRequests.add(listener);
    }

    /**
     * The scheduler registers here to hear of every change after which a host may take a VM it
     * could not take before: a host added, enabled or updated (its TEMPLATE is what REQUIREMENTS
     * read), capacity released (a VM left it or holds less), a probe that found more free or total
     * CPU or memory, or a host that became MONITORED again. Called with the host id after the new
     * snapshot is published, on the thread that made the change: it must not block.
     */
    public void addRoomListener(IntConsumer listener) {
        roomListeners.add(listener);
    }

    public void removeRoomListener(IntConsumer listener) {
        roomListeners.remove(listener);
    }

    // ------------------------------------------------------------------ administration

    /** one.host.allocate: new hosts start in STATE 0 (INIT) and are probed at once. */
    public int allocate(String name, String imMad, String vmMad, String vnMad, String tmMad) throws OneException {
        if (name == null || name.isEmpty()) {
            throw new OneException(ErrorCode.INTERNAL, "Error allocating a new host. Invalid NAME, it cannot be empty");
        }
        Host created;
        synchronized (this) {
            Host existing = byName(name);
            if (existing != null) {
                throw new OneException(ErrorCode.INTERNAL,
                        "Error allocating a new host. NAME is already taken by HOST " + existing.id() + ".");
            }
            created = Writes.inTransaction(db, "Error allocating a new host. Database error", c -> {
                Host h = new Host(ids.next(c), name, HostState.INIT, imMad, vmMad, vnMad, tmMad, 0,
                        HostShare.EMPTY, new Template());
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO host_pool (oid, name, state, body) VALUES (?, ?, ?, ?)")) {
                    ps.setInt(1, h.id());
                    ps.setString(2, h.name());
                    ps.setInt(3, h.state().code());
                    ps.setString(4, JsonBodies.write(new Host.Body(h)));
                    ps.executeUpdate();
                }
                return h;
            });
            byId.put(created.id(), created);
        }
        requestProbe(created.id());
        roomMayHaveGrown(created.id());
        return created.id();
    }

    /** one.host.delete: refused while VMs are charged to the host. */
    public void delete(int hid) throws OneException {
        synchronized (lock(hid)) {
            Host h = get(hid);
            if (h.share().runningVms() > 0) {
                throw new OneException(ErrorCode.INTERNAL,
                        "Can not delete host. Can not remove a host with running VMs");
            }
            Writes.inTransaction(db, "Can not delete host. Database error", c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM host_pool WHERE oid = ?")) {
                    ps.setInt(1, hid);
                    return ps.executeUpdate();
                }
            });
            byId.remove(hid);
        }
        locks.remove(hid);
    }

    /** one.host.enable: true → INIT (monitoring restarts at once), false → DISABLED. */
    public void enable(int hid, boolean enable) throws OneException {
        synchronized (lock(hid)) {
            Host h = get(hid);
            HostState next = enable ? HostState.INIT : HostState.DISABLED;
            store(h.with(next, h.lastMonTime(), h.share(), h.sharedTemplate()));
        }
        if (enable) {
            requestProbe(hid);
            roomMayHaveGrown(hid);
        }
    }

    /** one.host.update: replaces the whole TEMPLATE; the next probe refills the monitoring values. */
    public void update(int hid, Template template) throws OneException {
        synchronized (lock(hid)) {
            Host h = get(hid);
            store(h.with(h.state(), h.lastMonTime(), h.share(), template.copy()));
        }
        roomMayHaveGrown(hid);
    }

    // ------------------------------------------------------------------ capacity

    /** A VM was placed on the host: CPU_USAGE += cpu (CPU × 100), MEM_USAGE += memKb, RUNNING_VMS + 1. */
    public void charge(int hid, long cpu, long memKb) throws OneException {
        synchronized (lock(hid)) {
            Host h = get(hid);
            store(h.with(h.state(), h.lastMonTime(), h.share().charged(cpu, memKb, 1), h.sharedTemplate()));
        }
    }

    /**
     * Sets every host's CPU_USAGE, MEM_USAGE and RUNNING_VMS to what its VMs really hold. The
     * lifecycle writes a host's charge in the transaction of the VM change that causes it
     * ({@link #changeAllocations}), so this is a check run once at start: drift means a database
     * written by an older version or edited by hand, and is logged as a warning.
     *
     * @param allocations per host id: {cpu (CPU x 100), memory KB, VMs}; absent hosts hold nothing
     */
    public void recountAllocations(java.util.Map<Integer, long[]> allocations) {
        for (Host h : all()) {
            synchronized (lock(h.id())) {
                Host current = byId.get(h.id());
                if (current == null) {
                    continue;
                }
                long[] a = allocations.getOrDefault(current.id(), new long[3]);
                HostShare s = current.share();
                if (s.cpuUsage() == a[0] && s.memUsage() == a[1] && s.runningVms() == a[2]) {
                    continue;
                }
                LOG.warn("host {}: allocation counters were CPU_USAGE {} MEM_USAGE {} RUNNING_VMS {}, its VMs hold {} {} {}"
                        + " (written by an older version or by hand); corrected", current.name(), s.cpuUsage(), s.memUsage(),
                        s.runningVms(), a[0], a[1], a[2]);
                try {
                    store(current.with(current.state(), current.lastMonTime(),
                            s.withAllocations(a[0], a[1], (int) a[2]), current.sharedTemplate()));
                } catch (OneException e) {
                    LOG.error("cannot correct the counters of host {}: {}", current.name(), e.getMessage());
                }
            }
            roomMayHaveGrown(h.id());
        }
    }

    /** The reverse of {@link #charge}; counters never go below zero. */
    public void release(int hid, long cpu, long memKb) throws OneException {
        synchronized (lock(hid)) {
            Host h = get(hid);
            store(h.with(h.state(), h.lastMonTime(), h.share().charged(-cpu, -memKb, -1), h.sharedTemplate()));
        }
        roomMayHaveGrown(hid);
    }

    /**
     * Changes the allocation counters of several hosts in the same transaction as {@code sameTransaction}
     * (the VM change that causes them): both are stored or neither is, so a crash can never leave a
     * host charged for a VM that is not on it. Hosts are locked in ascending id order (the caller
     * may hold a VM's lock: the order is always VM, then hosts) and published after the commit;
     * hosts deleted meanwhile are skipped.
     *
     * @param deltas per host id: {CPU x 100, memory KB, VMs}, negative to release
     */
    public <T> T changeAllocations(Map<Integer, long[]> deltas, Database.TxWork<T> sameTransaction) throws SQLException {
        List<Integer> hids = new ArrayList<>(new java.util.TreeSet<>(deltas.keySet()));
        T outcome = underLocks(hids, 0, () -> {
            List<Host> changed = new ArrayList<>();
            for (int hid : hids) {
                Host h = byId.get(hid);
                long[] d = deltas.get(hid);
                if (h != null && (d[0] != 0 || d[1] != 0 || d[2] != 0)) {
                    changed.add(h.with(h.state(), h.lastMonTime(), h.share().charged(d[0], d[1], (int) d[2]),
                            h.sharedTemplate()));
                }
            }
            T result = db.inTransaction(c -> {
                T r = sameTransaction.run(c);
                for (Host h : changed) {
                    write(c, h);
                }
                return r;
            });
            for (Host h : changed) {
                byId.put(h.id(), h);
            }
            return result;
        });
        deltas.forEach((hid, d) -> {
            if (d[0] < 0 || d[1] < 0 || d[2] < 0) {
                roomMayHaveGrown(hid);
            }
        });
        return outcome;
    }

    private interface LockedWork<T> {
        T run() throws SQLException;
    }

    private <T> T underLocks(List<Integer> hids, int i, LockedWork<T> work) throws SQLException {
        if (i == hids.size()) {
            return work.run();
        }
        synchronized (lock(hids.get(i))) {
            return underLocks(hids, i + 1, work);
        }
    }

    // ------------------------------------------------------------------ monitoring

    /** A successful probe: STATE MONITORED, LAST_MON_TIME now, MAX/FREE/USED and TEMPLATE attributes. */
    public void monitored(int hid, HostProbe probe) {
        boolean grown;
        synchronized (lock(hid)) {
            Host h = byId.get(hid);
            if (h == null || h.state() == HostState.DISABLED) {
                return; // deleted or disabled while the probe ran
            }
            Template t = h.template();
            MonitoringAttributes.of(h.imMad(), probe, h.name()).forEach(t::set);
            HostShare s = h.share().monitored(probe.totalMemoryKb(), probe.totalCpu(), probe.freeMemoryKb(),
                    probe.freeCpu(), probe.usedMemoryKb(), probe.usedCpu());
            long now = clock.instant().getEpochSecond();
            try {
                store(h.with(HostState.MONITORED, now, s, t));
            } catch (OneException e) {
                LOG.warn("cannot store monitoring of host {}: {}", h.name(), e.getMessage());
                return;
            }
            grown = h.state() != HostState.MONITORED || s.hasMoreRoomThan(h.share());
        }
        if (grown) {
            roomMayHaveGrown(hid);
        }
    }

    /** A failed probe: STATE ERROR until a later probe succeeds. */
    public void monitoringFailed(int hid, String error) {
        synchronized (lock(hid)) {
            Host h = byId.get(hid);
            if (h == null || h.state() == HostState.DISABLED) {
                return;
            }
            LOG.warn("monitoring of host {} failed: {}", h.name(), error);
            if (h.state() == HostState.ERROR) {
                return;
            }
            try {
                store(h.with(HostState.ERROR, clock.instant().getEpochSecond(), h.share(), h.sharedTemplate()));
            } catch (OneException e) {
                LOG.warn("cannot store error state of host {}: {}", h.name(), e.getMessage());
            }
        }
    }

    private Object lock(int hid) {
        return locks.computeIfAbsent(hid, k -> new Object());
    }

    private void roomMayHaveGrown(int hid) {
        for (IntConsumer l : roomListeners) {
            l.accept(hid);
        }
    }

    private void requestProbe(int hid) {
        for (IntConsumer l : probeRequests) {
            l.accept(hid);
        }
    }

    /** Writes the snapshot, then publishes it (caller holds the host's lock). */
    private void store(Host h) throws OneException {
        Writes.inTransaction(db, "Error updating host [" + h.id() + "]. Database error", c -> write(c, h));
        byId.put(h.id(), h);
    }

    private static int write(Connection c, Host h) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE host_pool SET state = ?, body = ? WHERE oid = ?")) {
            ps.setInt(1, h.state().code());
            ps.setString(2, JsonBodies.write(new Host.Body(h)));
            ps.setInt(3, h.id());
            return ps.executeUpdate();
        }
    }
}
