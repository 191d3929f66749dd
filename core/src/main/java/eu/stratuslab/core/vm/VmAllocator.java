package eu.stratuslab.core.vm;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Authorizer;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.group.GroupPool;
import eu.stratuslab.core.image.ImagePool;
import eu.stratuslab.core.network.NetworkPool;
import eu.stratuslab.core.user.User;
import eu.stratuslab.core.user.UserPool;
import eu.stratuslab.template.Template;
import eu.stratuslab.template.TemplateParseException;
import eu.stratuslab.template.TemplateParser;
import eu.stratuslab.template.VectorAttribute;
import eu.stratuslab.template.expr.ExpressionParseException;
import eu.stratuslab.template.expr.Rank;
import eu.stratuslab.template.expr.Requirements;
import eu.stratuslab.template.vm.DiskTargets;
import eu.stratuslab.template.vm.TemplateRuleException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * {@code one.vm.allocate}: turns the template text a client sends into a stored PENDING VM
 * (template.md §5). Checks without side effects run first; then the id is taken, the NIC leases
 * are taken and the VM is stored. Any failure after a lease gives the leases back.
 *
 * <p>The quota checks of one owner's allocations are serialised, and each counts the allocations
 * still in flight, so that two parallel requests cannot both pass it; nothing else is serialised.
 * The write of a new VM shares its commit with the concurrent allocations ({@link VmPool#store}),
 * and the answer waits for that commit.
 */
public final class VmAllocator {
    static final String PREFIX = "Error allocating a new virtual machine. ";
    static final int MAX_NAME_LENGTH = 128;

    /** The configuration of allocate (a slice of CoreSettings). */
    public record Settings(java.util.Set<String> restrictedAttributes, boolean rawAllowUsers, String defaultNetwork,
                           boolean allowNoNic, QuotaSettings quotas) {
        public static Settings from(eu.stratuslab.core.CoreSettings s) {
            return new Settings(s.restrictedAttributes(), s.rawAllowUsers(), s.defaultNetwork(), s.allowNoNic(),
                    s.quotas());
        }
    }

    private final VmPool pool;
    private final NetworkPool networks;
    private final ImagePool images;
    private final UserPool users;
    private final GroupPool groups;
    private final Authorizer authorizer;
    private final Clock clock;
    private final Settings settings;
    private final RestrictedAttributes restricted;
    private final VmQuotas quotas;
    private final Consumer<VirtualMachine> created;
    private final ConcurrentHashMap<Integer, OwnerAllocations> owners = new ConcurrentHashMap<>();

    /**
     * @param created called with the new VM once it is stored (the CREATE hook point)
     */
    public VmAllocator(VmPool pool, NetworkPool networks, ImagePool images, UserPool users, GroupPool groups, Authorizer authorizer,
                       Clock clock, Settings settings, Consumer<VirtualMachine> created) {
        this.pool = pool;
        this.networks = networks;
        this.images = images;
        this.users = users;
        this.groups = groups;
        this.authorizer = authorizer;
        this.clock = clock;
        this.settings = settings;
        this.restricted = new RestrictedAttributes(settings.restrictedAttributes(), settings.rawAllowUsers());
        this.quotas = new VmQuotas(settings.quotas());
        this.created = created;
    }

    /** Parses {@code templateText} and allocates a VM owned by {@code owner}; returns the new VM. */
    public VirtualMachine allocate(Caller owner, String templateText) throws OneException {
        Template t;
        try {
            t = TemplateParser.parse(templateText);
        } catch (TemplateParseException e) {
            throw internal("Parse error: " + e.getMessage());
        }
        return allocate(owner, t);
    }

    /** Allocates a VM from an already parsed template (also one.template.instantiate); {@code t} is consumed. */
    public VirtualMachine allocate(Caller owner, Template t) throws OneException {
        authorizer.authorizeCreate(owner, ObjectType.VM);
        checkSingle(t, "CONTEXT");
        checkSingle(t, "REQUIREMENTS");
        restricted.check(owner, t);
        checkName(t.getString("NAME"));
        checkExpressions(t);
        TemplateValues.check(t); // before the quota check, which sums these numbers
        authorizeImages(owner, t);
        VirtualMachine vm = allocateStored(owner, t);
        created.accept(vm); // hooks run outside the owner's lock
        return vm;
    }

    /**
     * Quota first (reserved under the owner's lock, in memory), then id, leases and the VM's
     * group-committed write without any lock; publication and the end of the reservation happen
     * together under the owner's lock, so a concurrent quota check counts the VM exactly once.
     */
    private VirtualMachine allocateStored(Caller owner, Template t) throws OneException {
        if (owner.isAdmin()) { // no quota (VmQuotas): nothing to reserve, nothing to order
            return pool.publish(store(owner, t));
        }
        double cpu = VirtualMachine.parseDouble(t.getString("CPU"));
        double memoryMb = VirtualMachine.parseDouble(t.getString("MEMORY"));
        OwnerAllocations mine = owners.computeIfAbsent(owner.uid(), OwnerAllocations::new);
        synchronized (mine) {
            quotas.check(owner, users.name(owner.uid()), groups.name(owner.gid()), userTemplate(owner.uid()), mine,
                    cpu, memoryMb);
            mine.reserve(cpu, memoryMb);
        }
        try {
            VirtualMachine stored = store(owner, t);
            synchronized (mine) {
                mine.release(cpu, memoryMb);
                return pool.publish(stored);
            }
        } catch (OneException | RuntimeException e) {
            synchronized (mine) {
                mine.release(cpu, memoryMb);
            }
            throw e;
        }
    }

    /** Takes the id and the leases and stores the VM; on failure gives the leases back and stores nothing. */
    private VirtualMachine store(Caller owner, Template t) throws OneException {
        int id = pool.reserveId();
        applyDefaults(t, id);
        assignDisks(t);
        List<VectorAttribute> leased = takeLeases(owner, t, id);
        try {
            VirtualMachine draft = new VirtualMachine(id, owner.uid(), owner.gid(), users.name(owner.uid()),
                    groups.name(owner.gid()), t, clock.instant().getEpochSecond());
            // the VM and its leases are one transaction: a kill -9 cannot keep one without the other
            pool.store(draft, c -> {
                for (VectorAttribute nic : leased) {
                    networks.writeReservedLease(c, nic, id);
                }
                return null;
            });
            return draft;
        } catch (OneException | RuntimeException e) {
            releaseLeases(leased, id);
            throw e;
        }
    }

    /**
     * One owner's allocations: its monitor orders their quota checks, and it holds what the
     * allocations in flight (checked, not yet published) will use, which the quota counts as used.
     */
    private final class OwnerAllocations implements VmQuotas.Usage {
        private final int uid;
        // guarded by this
        private double cpuInFlight;
        private double memoryMbInFlight;
        private long vmsInFlight;

        OwnerAllocations(int uid) {
            this.uid = uid;
        }

        void reserve(double cpu, double memoryMb) {
            cpuInFlight += cpu;
            memoryMbInFlight += memoryMb;
            vmsInFlight++;
        }

        void release(double cpu, double memoryMb) {
            if (--vmsInFlight == 0) { // no rounding residue left behind by the sums
                cpuInFlight = 0;
                memoryMbInFlight = 0;
            } else {
                cpuInFlight -= cpu;
                memoryMbInFlight -= memoryMb;
            }
        }

        @Override
        public double cpu() {
            return pool.cpuUsedBy(uid) + cpuInFlight;
        }

        @Override
        public double memoryMb() {
            return pool.memoryUsedBy(uid) + memoryMbInFlight;
        }

        @Override
        public long vms() {
            return pool.vmsOwnedBy(uid) + vmsInFlight;
        }
    }

    /** USE on every image a DISK references, as for networks (xmlrpc-api.md §6); nothing is taken yet. */
    private void authorizeImages(Caller owner, Template t) throws OneException {
        for (VectorAttribute disk : t.vectors("DISK")) {
            images.authorizeDiskReference(owner, disk);
        }
    }

    private static void checkSingle(Template t, String name) throws OneException {
        if (t.getAll(name).size() > 1) {
            throw internal("Only one " + name + " attribute can be defined.");
        }
    }

    private static void checkName(String name) throws OneException {
        if (name != null && name.length() > MAX_NAME_LENGTH) {
            throw internal("NAME is too long; max length is " + MAX_NAME_LENGTH + " characters.");
        }
    }

    /** REQUIREMENTS and RANK must parse (template.md §7); empty means "no constraint". */
    private static void checkExpressions(Template t) throws OneException {
        try {
            String req = t.getString("REQUIREMENTS");
            if (req != null && !req.isBlank()) {
                Requirements.parse(req);
            }
            String rank = t.getString("RANK");
            if (rank != null && !rank.isBlank()) {
                Rank.parse(rank);
            }
        } catch (ExpressionParseException e) {
            throw internal("Parse error: " + e.getMessage());
        }
    }

    private static void applyDefaults(Template t, int id) {
        String name = t.getString("NAME");
        if (name == null || name.isEmpty()) {
            t.set("NAME", "one-" + id);
        }
        t.set("VMID", Integer.toString(id));
        String vcpu = t.getString("VCPU");
        if (vcpu == null || vcpu.isBlank()) {
            t.set("VCPU", "1");
        }
        VectorAttribute context = t.firstVector("CONTEXT");
        if (context != null && (context.get("TARGET") == null || context.get("TARGET").isEmpty())) {
            context.put("TARGET", "hdb");
        }
    }

    private static void assignDisks(Template t) throws OneException {
        try {
            DiskTargets.assign(t);
        } catch (TemplateRuleException e) {
            throw internal(e.getMessage());
        }
    }

    private List<VectorAttribute> takeLeases(Caller owner, Template t, int id) throws OneException {
        List<VectorAttribute> nics = t.vectors("NIC");
        if (nics.isEmpty()) {
            if (networks.exists(settings.defaultNetwork(), 0)) {
                VectorAttribute nic = new VectorAttribute("NIC");
                nic.put("NETWORK", settings.defaultNetwork());
                nic.put("NETWORK_UNAME", "oneadmin");
                t.add(nic);
                nics = List.of(nic);
            } else if (settings.allowNoNic()) {
                return List.of();
            } else {
                throw internal("No NIC and no default network");
            }
        }
        List<VectorAttribute> leased = new ArrayList<>(nics.size());
        try {
            for (VectorAttribute nic : nics) {
                networks.reserveLease(owner, nic, id);
                leased.add(nic);
            }
        } catch (OneException e) {
            releaseLeases(leased, id);
            throw withPrefix(e);
        } catch (RuntimeException e) {
            releaseLeases(leased, id);
            throw e;
        }
        return leased;
    }

    /** Gives back leases reserved in memory whose transaction did not commit (nothing was written). */
    private void releaseLeases(List<VectorAttribute> leased, int id) {
        for (VectorAttribute nic : leased) {
            networks.dropReservedLease(nic, id);
        }
    }

    private User userOrNull(int uid) {
        try {
            return users.get(uid);
        } catch (OneException e) {
            return null;
        }
    }

    private Template userTemplate(int uid) {
        User u = userOrNull(uid);
        return u == null ? null : u.template();
    }

    /** Network errors of kind INTERNAL carry the allocate prefix (template.md §5.5). */
    private static OneException withPrefix(OneException e) {
        if (e.code() == ErrorCode.INTERNAL && !e.getMessage().startsWith("Error allocating")) {
            return internal(e.getMessage());
        }
        return e;
    }

    static OneException internal(String detail) {
        return new OneException(ErrorCode.INTERNAL, PREFIX + detail);
    }
}
