package eu.stratuslab.core.vm;

import eu.stratuslab.core.auth.Permissions;
import eu.stratuslab.core.pool.OwnedObject;
import eu.stratuslab.core.pool.TemplateJson;
import eu.stratuslab.template.Template;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.DoubleConsumer;
import java.util.function.Function;

/**
 * A virtual machine as oned keeps it: owner, permissions, the two state numbers, times, monitoring
 * values, the processed template and the history of placements.
 *
 * <p>Instances follow a copy-on-write discipline: a VM published by {@link VmPool} is frozen and
 * never changes (setters throw), so readers need no lock and the rendered documents can be cached
 * in the object itself. Changes are made on a draft copy handed out by {@link VmPool#update}, which
 * stores the draft before publishing it.
 */
public final class VirtualMachine implements OwnedObject {
    private final int id;
    private int uid;
    private int gid;
    private String uname;
    private String gname;
    private String name;
    private Permissions permissions = Permissions.DEFAULT;
    private long lastPoll;
    private VmState state = VmState.PENDING;
    private LcmState lcmState = LcmState.LCM_INIT;
    private long stime;
    private long etime;
    private String deployId = "";
    private long memory;
    private long cpu;
    private long netTx;
    private long netRx;
    private Template template;
    private final List<HistoryRecord> history;
    /** Set by resubmit while a cleanup runs: the cleanup then ends in PENDING instead of DONE. */
    private boolean resubmitting;

    private transient boolean frozen;
    private volatile String infoXml;
    private volatile String poolXml;
    /** {@link #poolXml()} as the serving layer sends it (see {@link #poolEntry}); set once, when published. */
    private volatile Object poolEntry;
    private static final VarHandle POOL_ENTRY;

    static {
        try {
            POOL_ENTRY = MethodHandles.lookup().findVarHandle(VirtualMachine.class, "poolEntry", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public VirtualMachine(int id, int uid, int gid, String uname, String gname, Template template, long stime) {
        this.id = id;
        this.uid = uid;
        this.gid = gid;
        this.uname = uname;
        this.gname = gname;
        this.template = template;
        this.stime = stime;
        this.history = new ArrayList<>();
        String n = template.getString("NAME");
        this.name = n == null ? "one-" + id : n;
    }

    private VirtualMachine(VirtualMachine o) {
        id = o.id;
        uid = o.uid;
        gid = o.gid;
        uname = o.uname;
        gname = o.gname;
        name = o.name;
        permissions = o.permissions;
        lastPoll = o.lastPoll;
        state = o.state;
        lcmState = o.lcmState;
        stime = o.stime;
        etime = o.etime;
        deployId = o.deployId;
        memory = o.memory;
        cpu = o.cpu;
        netTx = o.netTx;
        netRx = o.netRx;
        template = o.template.copy();
        history = new ArrayList<>(o.history.size() + 1);
        for (HistoryRecord h : o.history) {
            history.add(h.copy());
        }
        resubmitting = o.resubmitting;
    }

    /** A mutable copy (a draft); only {@link VmPool} publishes drafts. */
    VirtualMachine draft() {
        return new VirtualMachine(this);
    }

    void freeze() {
        frozen = true;
    }

    public boolean isFrozen() {
        return frozen;
    }

    private void checkDraft() {
        if (frozen) {
            throw new IllegalStateException("VM " + id + " is published; change it through VmPool.update");
        }
    }

    @Override public int id() { return id; }
    @Override public int uid() { return uid; }
    @Override public int gid() { return gid; }
    public String uname() { return uname; }
    public String gname() { return gname; }
    @Override public String name() { return name; }
    @Override public Permissions permissions() { return permissions; }
    public long lastPoll() { return lastPoll; }
    public VmState state() { return state; }
    public LcmState lcmState() { return lcmState; }
    public long stime() { return stime; }
    public long etime() { return etime; }
    public String deployId() { return deployId; }
    public long memory() { return memory; }
    public long cpu() { return cpu; }
    public long netTx() { return netTx; }
    public long netRx() { return netRx; }
    public boolean resubmitting() { return resubmitting; }

    /** True when STATE is ACTIVE and LCM_STATE is the given one. */
    public boolean is(LcmState lcm) {
        return state == VmState.ACTIVE && lcmState == lcm;
    }

    /**
     * The template. On a published VM this is a private copy (the template class is mutable);
     * prefer {@link #templateValue(String)} for single reads. On a draft it is the live template.
     */
    public Template template() {
        return frozen ? template.copy() : template;
    }

    /** Value of the first single attribute {@code name}, or null. */
    public String templateValue(String name) {
        return template.getString(name);
    }

    /** CPU demand in hundredths of a CPU ({@code TEMPLATE/CPU × 100}; missing or bad → 0), xmlrpc-api.md §9. */
    public long cpuDemand() {
        // Math.round saturates at Long.MAX_VALUE: an absurd CPU never wraps to a negative demand
        return Math.round(parseDouble(template.getString("CPU")) * 100);
    }

    /** Memory demand in KB ({@code TEMPLATE/MEMORY × 1024}; missing or bad → 0). */
    public long memoryDemandKb() {
        return (long) (parseDouble(template.getString("MEMORY")) * 1024); // saturates like Math.round
    }

    /** TEMPLATE/CPU as a number (quota accounting). */
    public double cpuRequested() {
        double c = cachedCpu;
        return Double.isNaN(c) ? requested("CPU", v -> cachedCpu = v) : c;
    }

    /** TEMPLATE/MEMORY in MB as a number (quota accounting). */
    public double memoryRequestedMb() {
        double m = cachedMemory;
        return Double.isNaN(m) ? requested("MEMORY", v -> cachedMemory = v) : m;
    }

    /**
     * TEMPLATE/{@code name} as a number. A published VM never changes, so its value goes to
     * {@code keep} and is parsed once (quota checks sum over every VM); a draft's cache stays empty.
     */
    private double requested(String name, DoubleConsumer keep) {
        double v = parseDouble(template.getString(name));
        if (isFrozen()) {
            keep.accept(v);
        }
        return v;
    }

    // Benign races: every thread computes the same value from the immutable published template.
    private volatile double cachedCpu = Double.NaN;
    private volatile double cachedMemory = Double.NaN;

    static double parseDouble(String v) {
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            double d = Double.parseDouble(v.trim());
            return Double.isFinite(d) && d > 0 ? d : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public List<HistoryRecord> history() {
        return frozen ? Collections.unmodifiableList(history) : history;
    }

    /** The current placement, or null before the first deploy. */
    public HistoryRecord lastHistory() {
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }

    /** The placement before the current one (migration), or null. */
    public HistoryRecord previousHistory() {
        return history.size() < 2 ? null : history.get(history.size() - 2);
    }

    // ---- mutators: drafts only ----

    public void setState(VmState s) {
        checkDraft();
        if (s == VmState.ACTIVE) {
            throw new IllegalArgumentException("use setActive(lcm): ACTIVE always comes with an LCM state");
        }
        state = s;
        lcmState = LcmState.LCM_INIT; // leaving ACTIVE resets LCM in the same change (§8.1)
    }

    public void setActive(LcmState lcm) {
        checkDraft();
        if (lcm == LcmState.LCM_INIT) {
            throw new IllegalArgumentException("ACTIVE with LCM_INIT is never stored (§8.1)");
        }
        state = VmState.ACTIVE;
        lcmState = lcm;
    }

    public void setOwner(int newUid, String newUname) {
        checkDraft();
        uid = newUid;
        uname = newUname;
    }

    public void setGroup(int newGid, String newGname) {
        checkDraft();
        gid = newGid;
        gname = newGname;
    }

    public void setPermissions(Permissions p) {
        checkDraft();
        permissions = p;
    }

    public void setEtime(long t) {
        checkDraft();
        etime = t;
    }

    public void setDeployId(String d) {
        checkDraft();
        deployId = d == null ? "" : d;
    }

    public void setResubmitting(boolean r) {
        checkDraft();
        resubmitting = r;
    }

    /** Monitoring values (issue 3's monitor reports them): memory KB, CPU %, bytes. */
    public void setMonitoring(long pollTime, long memoryKb, long cpuPercent, long tx, long rx) {
        checkDraft();
        lastPoll = pollTime;
        memory = memoryKb;
        cpu = cpuPercent;
        netTx = tx;
        netRx = rx;
    }

    public void setLastPoll(long t) {
        checkDraft();
        lastPoll = t;
    }

    public HistoryRecord addHistory(int hid, String hostname, String vmmMad, String vnmMad, String tmMad, long t) {
        checkDraft();
        HistoryRecord h = new HistoryRecord(history.size(), hid, hostname, vmmMad, vnmMad, tmMad, t);
        history.add(h);
        return h;
    }

    /** Drops the last placement (a live migration that failed). */
    public void removeLastHistory() {
        checkDraft();
        if (!history.isEmpty()) {
            history.remove(history.size() - 1);
        }
    }

    // ---- persistence and documents ----

    /** Rebuilds a stored VM (VmStore). */
    static VirtualMachine restore(int id, String name, int uid, int gid, int state, int lcm, long lastPoll,
                                  VmBody body, Template template, List<HistoryRecord> history) {
        VirtualMachine vm = new VirtualMachine(id, uid, gid, body.uname, body.gname, template, body.stime);
        vm.name = name;
        vm.state = VmState.of(state);
        vm.lcmState = LcmState.of(lcm);
        vm.lastPoll = lastPoll;
        vm.permissions = body.permissions();
        vm.etime = body.etime;
        vm.deployId = body.deployId == null ? "" : body.deployId;
        vm.memory = body.memory;
        vm.cpu = body.cpu;
        vm.netTx = body.netTx;
        vm.netRx = body.netRx;
        vm.resubmitting = body.resubmitting;
        vm.history.addAll(history);
        return vm;
    }

    VmBody body() {
        VmBody b = new VmBody();
        b.uname = uname;
        b.gname = gname;
        b.setPermissions(permissions);
        b.stime = stime;
        b.etime = etime;
        b.deployId = deployId;
        b.memory = memory;
        b.cpu = cpu;
        b.netTx = netTx;
        b.netRx = netRx;
        b.resubmitting = resubmitting;
        b.template = TemplateJson.toJson(template);
        return b;
    }

    /** The {@code <VM>} document of one.vm.info (all history records); cached once published. */
    public String infoXml() {
        String x = infoXml;
        if (x == null) {
            x = VmDocument.render(this, true);
            if (frozen) {
                infoXml = x;
            }
        }
        return x;
    }

    /** The {@code <VM>} entry of one.vmpool.info (only the last history record); cached once published. */
    public String poolXml() {
        String x = poolXml;
        if (x == null) {
            x = history.size() <= 1 ? infoXml() : VmDocument.render(this, false);
            if (frozen) {
                poolXml = x;
            }
        }
        return x;
    }

    /**
     * {@link #poolXml()} in the form the serving layer sends it, derived by {@code derive} once per
     * published VM and kept with it: the API keeps the entry escaped and encoded, so a listing of
     * 10,000 VMs encodes only the VMs that changed since the last one, and every listing shares
     * the same bytes. One form per VM; a form of another type is derived again each time.
     */
    public <T> T poolEntry(Class<T> type, Function<String, T> derive) {
        Object cached = poolEntry;
        if (type.isInstance(cached)) {
            return type.cast(cached);
        }
        T derived = derive.apply(poolXml());
        if (frozen && cached == null && !POOL_ENTRY.compareAndSet(this, null, derived)) {
            // a concurrent listing stored its copy first: everyone keeps that one, this is garbage
            Object first = poolEntry;
            if (type.isInstance(first)) {
                return type.cast(first);
            }
        }
        return derived;
    }

    /** Package access for the renderer: the live template without copying. */
    Template templateForRendering() {
        return template;
    }

    List<HistoryRecord> historyForRendering() {
        return history;
    }

    @Override
    public String toString() {
        return "VM[" + id + ", " + name + ", " + state + "/" + lcmState + "]";
    }
}
