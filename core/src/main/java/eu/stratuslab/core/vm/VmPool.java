package eu.stratuslab.core.vm;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Authorizer;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.PoolFilter;
import eu.stratuslab.core.db.Database;
import eu.stratuslab.core.db.IdSequence;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All virtual machines, held in memory and written through to {@code vm_pool}/{@code vm_history}.
 *
 * <p>Consistency rules: every change goes through {@link #update} (or {@link #insert}), runs under
 * the VM's own lock on a draft copy, is stored in one transaction, and only then replaces the
 * published VM. Readers never lock: they see the last stored version. Each published VM caches its
 * documents, so {@code one.vm.info} is a map lookup and {@code one.vmpool.info} a concatenation of
 * cached fragments.
 */
public final class VmPool {
    private static final Logger LOG = LoggerFactory.getLogger(VmPool.class);
    public static final String OBJECT_NAME = "virtual machine";

    private final VmStore store;
    private final IdSequence ids;
    private final ConcurrentSkipListMap<Integer, Slot> vms = new ConcurrentSkipListMap<>();
    private final Authorizer authorizer;
    private volatile VmAllocator allocator;
    /** Bumped by every stored change; a cached pool document is valid only for the version it was built at. */
    private final AtomicLong version = new AtomicLong();
    private volatile CachedPool lastPool;

    /** The last pool document built for a filter whose result depends only on the VMs (see poolDocument). */
    private record CachedPool(long version, int uid, int gid, VmPoolFilter filter, String document) {
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
    }

    /** Loads every VM (DONE ones included: they are kept for ever). */
    public static VmPool load(Database db, Authorizer authorizer) throws SQLException {
        VmStore store = new VmStore(db);
        VmPool pool = new VmPool(store, IdSequence.load(db, "vm_pool", 0), authorizer);
        for (VirtualMachine vm : store.loadAll()) {
            vm.freeze();
            pool.vms.put(vm.id(), new Slot(vm));
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
        List<VirtualMachine> out = new ArrayList<>();
        for (Slot s : vms.values()) {
            if (s.vm.state() == state) {
                out.add(s.vm);
            }
        }
        return out;
    }

    public int size() {
        return vms.size();
    }

    /**
     * Takes a new VM id (stored at once, never reused even if the allocation fails later, so two
     * concurrent allocations can never collide).
     */
    public int reserveId() throws OneException {
        try {
            return store.db().inTransaction(ids::next);
        } catch (SQLException e) {
            throw storageError("Error allocating a new virtual machine. ", e);
        }
    }

    /** Stores and publishes a new VM built with an id from {@link #reserveId()}. */
    public VirtualMachine insert(VirtualMachine draft) throws OneException {
        if (draft.isFrozen()) {
            throw new IllegalArgumentException("insert takes a new, unpublished VM");
        }
        if (vms.containsKey(draft.id())) {
            throw new IllegalStateException("VM id " + draft.id() + " is taken");
        }
        try {
            store.db().inTransaction(c -> {
                store.insert(c, draft);
                return null;
            });
        } catch (SQLException e) {
            throw storageError("Error allocating a new virtual machine. ", e);
        }
        draft.freeze();
        vms.put(draft.id(), new Slot(draft));
        version.incrementAndGet();
        return draft;
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

    /**
     * The {@code <VM_POOL>} document for {@code caller} (xmlrpc-api.md §5): entries carry only the
     * last history record; ascending id.
     */
    public String poolDocument(Caller caller, VmPoolFilter f) {
        // MINE and MINE_GROUP depend only on the VMs, and admins see everything: those answers can
        // be reused until the next change (clients poll the same listing over and over). Answers
        // that go through ACL rules are always rebuilt, since rules change outside this pool.
        boolean cacheable = caller.isAdmin() || f.owners().filter() == PoolFilter.MINE
                || f.owners().filter() == PoolFilter.MINE_GROUP;
        long v = version.get();
        CachedPool cached = lastPool;
        if (cacheable && cached != null && cached.version == v && cached.uid == caller.uid()
                && cached.gid == caller.gid() && cached.filter.equals(f)) {
            return cached.document;
        }
        String document = buildPoolDocument(caller, f);
        if (cacheable) {
            lastPool = new CachedPool(v, caller.uid(), caller.gid(), f, document);
        }
        return document;
    }

    private String buildPoolDocument(Caller caller, VmPoolFilter f) {
        NavigableMap<Integer, Slot> range = vms.subMap(f.lowId(), true, f.highId(), true);
        // StringJoiner sizes the result from the parts and copies each cached fragment once
        StringJoiner doc = new StringJoiner("", "<VM_POOL>", "</VM_POOL>");
        for (Slot s : range.values()) {
            VirtualMachine vm = s.vm;
            if (f.stateMatches(vm.state()) && visible(caller, f.owners(), vm)) {
                doc.add(vm.poolXml());
            }
        }
        return doc.toString();
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
        double sum = 0;
        for (Slot s : vms.values()) {
            VirtualMachine vm = s.vm;
            if (vm.uid() == uid && vm.state() != VmState.DONE) {
                sum += vm.cpuRequested();
            }
        }
        return sum;
    }

    /** Number of the user's VMs that are not DONE (NUM_VMS quota "Used"). */
    public long vmsOwnedBy(int uid) {
        long n = 0;
        for (Slot s : vms.values()) {
            VirtualMachine vm = s.vm;
            if (vm.uid() == uid && vm.state() != VmState.DONE) {
                n++;
            }
        }
        return n;
    }

    /** Sum of TEMPLATE/MEMORY (MB) over the user's VMs that are not DONE. */
    public double memoryUsedBy(int uid) {
        double sum = 0;
        for (Slot s : vms.values()) {
            VirtualMachine vm = s.vm;
            if (vm.uid() == uid && vm.state() != VmState.DONE) {
                sum += vm.memoryRequestedMb();
            }
        }
        return sum;
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
