package eu.stratuslab.core.vm;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Authorizer;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.PoolFilter;
import eu.stratuslab.infra.db.Database;
import eu.stratuslab.infra.db.GroupCommit;
import eu.stratuslab.core.db.IdSequence;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All virtual machines, held in memory and written through to {@code vm_pool}/{@code vm_history}.
 *
 * <p>Consistency rules: every change goes through {@link #update} (or {@link #store} and {@link #publish}), runs under
 * the VM's own lock on a draft copy, is stored in one transaction, and only then replaces the
 * published VM. Readers never lock: they see the last stored version. Each published VM caches its
 * documents, so {@code one.vm.info} is a map lookup and {@code one.vmpool.info} a sequence of
 * cached fragments.
 */
public final class VmPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VmPool.class);
    public static final String OBJECT_NAME = "virtual machine";

    private final VmStore store;
    private final IdSequence ids;
    /** New VMs are written through it: concurrent allocations share one commit. */
    private final GroupCommit commits;
    private final ConcurrentSkipListMap<Integer, Slot> vms = new ConcurrentSkipListMap<>();
    private final Authorizer authorizer;
    private volatile VmAllocator allocator;
    /** Bumped by every stored change; a cached pool document is valid only for the version it was built at. */
    private final AtomicLong version = new AtomicLong();
    private volatile CachedPool lastPool;
    /** Per owner uid: what its VMs hold (quota "Used"); see {@link #account}. */
    private final ConcurrentHashMap<Integer, OwnerUsage> usage = new ConcurrentHashMap<>();

    /** The entries of the last listing for a filter whose result depends only on the VMs (see poolEntries). */
    private record CachedPool(long version, int uid, int gid, VmPoolFilter filter, List<VirtualMachine> entries) {
    }

    /** Holder whose monitor is the VM's lock; the published VM is swapped atomically. */
    private static final class Slot {
        volatile VirtualMachine vm;

        Slot(VirtualMachine vm) {
            this.vm = vm;
        }
    }

    private VmPool(VmStore store, IdSequence ids, Authorizer authorizer) {
        this.store = store;
        this.ids = ids;
        this.authorizer = authorizer;
        // one pool_control write per transaction, covering the ids of every VM it stores
        this.commits = new GroupCommit(store.db(), "vms", c -> {
            ids.recordTaken(c);
            return null;
        });
    }

    /** Loads every VM (DONE ones included: they are kept for ever). */
    public static VmPool load(Database db, Authorizer authorizer) throws SQLException {
        VmStore store = new VmStore(db);
        VmPool pool = new VmPool(store, IdSequence.load(db, "vm_pool", 0), authorizer);
        try {
            for (VirtualMachine vm : store.loadAll()) {
                vm.freeze();
                pool.vms.put(vm.id(), new Slot(vm));
                pool.account(null, vm);
            }
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw e;
        }
        LOG.info("loaded {} virtual machines", pool.vms.size());
        return pool;
    }

    /** Wires the allocate processing (done once by Core.open). */
    public void attachAllocator(VmAllocator a) {
        this.allocator = a;
    }

    /** {@code one.vm.allocate}: see {@link VmAllocator#allocate(Caller, String)}. */
    public VirtualMachine allocate(Caller owner, String templateText) throws OneException {
        VmAllocator a = allocator;
        if (a == null) {
            throw new IllegalStateException("VmPool has no allocator attached");
        }
        return a.allocate(owner, templateText);
    }

    /** The published VM; NO_EXISTS {@code Error getting virtual machine [<id>].} when unknown. */
    public VirtualMachine get(int id) throws OneException {
        Slot s = vms.get(id);
        if (s == null) {
            throw OneException.notFound(OBJECT_NAME, id);
        }
        return s.vm;
    }

    /** The published VM or null. */
    public VirtualMachine find(int id) {
        Slot s = vms.get(id);
        return s == null ? null : s.vm;
    }

    /** Snapshot of all VMs in ascending id order. */
    public List<VirtualMachine> all() {
        List<VirtualMachine> out = new ArrayList<>(vms.size());
        for (Slot s : vms.values()) {
            out.add(s.vm);
        }
        return out;
    }

    /** VMs in the given state, ascending id (e.g. PENDING ones for the scheduler). */
    public List<VirtualMachine> inState(VmState state) {
        return inState(state, 0);
    }

    /** The first {@code limit} VMs in the given state (0: all), ascending id. */
    public List<VirtualMachine> inState(VmState state, int limit) {
        List<VirtualMachine> out = new ArrayList<>();
        for (Slot s : vms.values()) {
            if (s.vm.state() == state) {
                out.add(s.vm);
                if (out.size() == limit) {
                    break;
                }
            }
        }
        return out;
    }

    public int size() {
        return vms.size();
    }

    /**
     * Takes a new VM id, in memory: it is recorded in {@code pool_control} by the transaction that
     * {@link #store stores} the VM, and never handed out again while the process runs, even if the
     * allocation fails later, so two concurrent allocations can never collide.
     */
    public int reserveId() {
        return ids.take();
    }

    /**
     * Stores a new VM built with an id from {@link #reserveId()}, with {@code alsoInTransaction}
     * (e.g. the VM's leases) in the same transaction: both are stored, or neither. Concurrent
     * allocations share that transaction's commit ({@link GroupCommit}); this returns once it has
     * committed, so the VM survives {@code kill -9} from then on. The VM is not visible until
     * {@link #publish}; if this throws, nothing of it was stored.
     */
    public void store(VirtualMachine draft, Database.TxWork<?> alsoInTransaction) throws OneException {
        if (draft.isFrozen()) {
            throw new IllegalArgumentException("store takes a new, unpublished VM");
        }
        if (vms.containsKey(draft.id())) {
            throw new IllegalStateException("VM id " + draft.id() + " is taken");
        }
        Database.TxWork<Void> row = store.insertion(draft);
        try {
            commits.run(c -> {
                row.run(c);
                alsoInTransaction.run(c);
                return null;
            });
        } catch (SQLException e) {
            throw storageError("Error allocating a new virtual machine. ", e);
        }
    }

    /** Makes a VM that {@link #store} has stored visible to every reader; returns it. */
    public VirtualMachine publish(VirtualMachine stored) {
        stored.freeze();
        account(null, stored);
        vms.put(stored.id(), new Slot(stored));
        version.incrementAndGet();
        return stored;
    }

    /**
     * Applies {@code change} to a draft of VM {@code id} under the VM's lock, stores the draft and
     * publishes it. Returns the new published VM. Concurrent updates of one VM are serialised and
     * each sees the result of the previous one, so no update is ever lost.
     */
    public VirtualMachine update(int id, VmMutation change) throws OneException {
        return update(id, change, null);
    }

    /**
     * Like {@link #update(int, VmMutation)}; {@code beforePublish} runs after the commit but before
     * the new version becomes visible, still under the VM's lock. The lifecycle uses it to give
     * back host capacity and leases, so that nobody sees a DONE or FAILED VM whose resources are
     * still taken. Exceptions from it are logged and do not undo the stored change.
     */
    public VirtualMachine update(int id, VmMutation change, Consumer<VirtualMachine> beforePublish)
            throws OneException {
        return update(id, change, null, beforePublish);
    }

    /**
     * Runs the write of a VM change inside a transaction of the caller's making, so that writes the
     * change causes elsewhere (the hosts' allocation counters) commit or roll back with it.
     */
    @FunctionalInterface
    public interface SameTransaction {
        /**
         * @param before   the published VM
         * @param draft    the changed VM, about to be stored
         * @param vmWrite  the VM's own write; must run inside the caller's transaction
         */
        void store(VirtualMachine before, VirtualMachine draft, Database.TxWork<Void> vmWrite) throws SQLException;
    }

    /**
     * Like {@link #update(int, VmMutation, Consumer)}; {@code transaction} (null: the VM alone)
     * decides the transaction the VM is written in.
     */
    public VirtualMachine update(int id, VmMutation change, SameTransaction transaction,
                                 Consumer<VirtualMachine> beforePublish) throws OneException {
        Slot slot = vms.get(id);
        if (slot == null) {
            throw OneException.notFound(OBJECT_NAME, id);
        }
        synchronized (slot) {
            VirtualMachine current = slot.vm;
            VirtualMachine draft = current.draft();
            change.apply(draft);
            Database.TxWork<Void> vmWrite = c -> {
                store.update(c, current, draft);
                return null;
            };
            try {
                if (transaction == null) {
                    store.db().inTransaction(vmWrite);
                } else {
                    transaction.store(current, draft, vmWrite);
                }
            } catch (SQLException e) {
                throw storageError("", e);
            }
            draft.freeze();
            account(current, draft);
            if (beforePublish != null) {
                try {
                    beforePublish.accept(draft);
                } catch (RuntimeException e) {
                    LOG.error("VM {}: follow-up of a stored change failed", id, e);
                }
            }
            slot.vm = draft;
            version.incrementAndGet();
            return draft;
        }
    }

    /** one.vm.chown: a new owner and/or group (-1 keeps); names are resolved by the caller. */
    public VirtualMachine chown(int id, int uid, String uname, int gid, String gname) throws OneException {
        return update(id, d -> {
            if (uid != -1) {
                d.setOwner(uid, uname);
            }
            if (gid != -1) {
                d.setGroup(gid, gname);
            }
        });
    }

    /** one.vm.chmod: nine permission values, -1 keeps a bit. */
    public VirtualMachine chmod(int id, int[] bits) throws OneException {
        return update(id, d -> d.setPermissions(d.permissions().chmod(bits)));
    }

    /** The {@code <VM>} document with all history records (one.vm.info). */
    public String infoDocument(int id) throws OneException {
        return get(id).infoXml();
    }

    /** What {@link #poolDocument} puts around the entries. */
    public static final String POOL_HEAD = "<VM_POOL>";
    public static final String POOL_TAIL = "</VM_POOL>";

    /**
     * The {@code <VM_POOL>} document for {@code caller} (xmlrpc-api.md §5): entries carry only the
     * last history record; ascending id. {@link #POOL_HEAD}, the {@link VirtualMachine#poolXml()} of
     * each of {@link #poolEntries}, {@link #POOL_TAIL}.
     */
    public String poolDocument(Caller caller, VmPoolFilter f) {
        List<VirtualMachine> entries = poolEntries(caller, f);
        StringJoiner doc = new StringJoiner("", POOL_HEAD, POOL_TAIL);
        for (VirtualMachine vm : entries) {
            doc.add(vm.poolXml());
        }
        return doc.toString();
    }

    /**
     * The VMs of {@code caller}'s {@code <VM_POOL>} document, ascending id. The API sends their
     * cached entries one after the other ({@link VirtualMachine#poolEntry}) and never builds the
     * document as one string: a 10,000-VM listing is about 15 MB.
     */
    public List<VirtualMachine> poolEntries(Caller caller, VmPoolFilter f) {
        // MINE and MINE_GROUP depend only on the VMs, and admins see everything: those lists can be
        // reused until the next change (clients poll the same listing over and over). Lists that go
        // through ACL rules are always made again, since rules change outside this pool.
        boolean cacheable = caller.isAdmin() || f.owners().filter() == PoolFilter.MINE
                || f.owners().filter() == PoolFilter.MINE_GROUP;
        long v = version.get();
        CachedPool cached = lastPool;
        if (cacheable && cached != null && cached.version == v && cached.uid == caller.uid()
                && cached.gid == caller.gid() && cached.filter.equals(f)) {
            return cached.entries;
        }
        List<VirtualMachine> entries = visibleEntries(caller, f);
        if (cacheable) {
            lastPool = new CachedPool(v, caller.uid(), caller.gid(), f, entries);
        }
        return entries;
    }

    private List<VirtualMachine> visibleEntries(Caller caller, VmPoolFilter f) {
        NavigableMap<Integer, Slot> range = vms.subMap(f.lowId(), true, f.highId(), true);
        List<VirtualMachine> entries = new ArrayList<>();
        for (Slot s : range.values()) {
            VirtualMachine vm = s.vm;
            if (f.stateMatches(vm.state()) && visible(caller, f.owners(), vm)) {
                entries.add(vm);
            }
        }
        return Collections.unmodifiableList(entries);
    }

    private boolean visible(Caller caller, PoolFilter owners, VirtualMachine vm) {
        if (owners.filter() == PoolFilter.ALL && caller.isAdmin()) {
            return true; // uid 0 and group 0 see everything; skip the per-VM ACL walk
        }
        return owners.accepts(caller, ObjectType.VM, vm, authorizer);
    }

    /**
     * What each host should be charged with: per host id {CPU x 100, memory KB, VMs} over the VMs
     * that hold capacity (ACTIVE or SUSPENDED, on the host of their last history record).
     */
    public java.util.Map<Integer, long[]> allocationsByHost() {
        java.util.Map<Integer, long[]> byHost = new java.util.HashMap<>();
        for (Slot s : vms.values()) {
            VirtualMachine vm = s.vm;
            if ((vm.state() == VmState.ACTIVE || vm.state() == VmState.SUSPENDED) && vm.lastHistory() != null) {
                long[] a = byHost.computeIfAbsent(vm.lastHistory().hid(), k -> new long[3]);
                a[0] += vm.cpuDemand();
                a[1] += vm.memoryDemandKb();
                a[2]++;
            }
        }
        return byHost;
    }

    /** Sum of TEMPLATE/CPU over the user's VMs that are not DONE (quota "Used"). */
    public double cpuUsedBy(int uid) {
        OwnerUsage u = usage.get(uid);
        return u == null ? 0 : u.cpuMicros.get() / MICROS;
    }

    /** Number of the user's VMs that are not DONE (NUM_VMS quota "Used"). */
    public long vmsOwnedBy(int uid) {
        OwnerUsage u = usage.get(uid);
        return u == null ? 0 : u.vms.get();
    }

    /** Sum of TEMPLATE/MEMORY (MB) over the user's VMs that are not DONE. */
    public double memoryUsedBy(int uid) {
        OwnerUsage u = usage.get(uid);
        return u == null ? 0 : u.memoryMicros.get() / MICROS;
    }

    /**
     * What one owner's VMs that are not DONE hold, kept as versions are published so that a quota
     * check does not walk the whole pool. In millionths: sums of values such as 0.1 stay exact
     * however many VMs come and go.
     */
    private static final class OwnerUsage {
        final AtomicLong cpuMicros = new AtomicLong();
        final AtomicLong memoryMicros = new AtomicLong();
        final AtomicLong vms = new AtomicLong();

        void add(VirtualMachine vm, int sign) {
            cpuMicros.addAndGet(sign * Math.round(vm.cpuRequested() * MICROS));
            memoryMicros.addAndGet(sign * Math.round(vm.memoryRequestedMb() * MICROS));
            vms.addAndGet(sign);
        }
    }

    private static final double MICROS = 1_000_000;

    /** Moves the usage sums from {@code before} (null for a new VM) to {@code after}. */
    private void account(VirtualMachine before, VirtualMachine after) {
        if (before != null && before.state() != VmState.DONE) {
            usage.computeIfAbsent(before.uid(), k -> new OwnerUsage()).add(before, -1);
        }
        if (after.state() != VmState.DONE) {
            usage.computeIfAbsent(after.uid(), k -> new OwnerUsage()).add(after, 1);
        }
    }

    /** Commits the VMs whose stores are queued, then refuses new ones (before the database closes). */
    public void close() {
        commits.close();
    }

    /** Ids of all VMs, ascending (restart checks, tests). */
    public Collection<Integer> ids() {
        return List.copyOf(vms.keySet());
    }

    /** The cause is only logged: SQL messages may contain connection details. */
    private static OneException storageError(String prefix, SQLException e) {
        LOG.error("VM pool database error", e);
        return new OneException(ErrorCode.INTERNAL, prefix + "Database error.");
    }
}
