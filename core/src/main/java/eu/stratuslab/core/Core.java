package eu.stratuslab.core;

import eu.stratuslab.core.db.CoreSchema;
import eu.stratuslab.core.acl.AclPool;
import eu.stratuslab.core.auth.Authorizer;
import eu.stratuslab.infra.db.Database;
import eu.stratuslab.core.group.GroupPool;
import eu.stratuslab.core.host.HostMonitor;
import eu.stratuslab.core.host.HostPool;
import eu.stratuslab.core.image.ImagePool;
import eu.stratuslab.core.lifecycle.Lifecycle;
import eu.stratuslab.core.network.NetworkPool;
import eu.stratuslab.core.user.UserPool;
import eu.stratuslab.core.vm.VmPool;
import eu.stratuslab.core.vmtemplate.VmTemplatePool;
import eu.stratuslab.vmm.DriverRegistry;
import java.time.Clock;

/**
 * The core facade: opens the database (Flyway migrations), loads every pool into memory,
 * bootstraps an empty database (users oneadmin/serveradmin, groups oneadmin/users, the two default
 * ACL rules) and starts the host monitor. The pools are the only writers of their tables.
 */
public final class Core implements AutoCloseable {
    private CoreSettings settings;
    private Database db;
    private UserPool users;
    private GroupPool groups;
    private AclPool acls;
    private Authorizer authorizer;
    private HostPool hosts;
    private NetworkPool networks;
    private ImagePool images;
    private VmTemplatePool templates;
    private VmPool vms;
    private Lifecycle lifecycle;
    private DriverRegistry drivers;
    private HostMonitor hostMonitor;

    private Core() {
    }

    /**
     * Opens the core. {@link CoreSettings#initialOneadminPassword()} is used only when the database
     * is empty; {@link CoreSettings#monitorInterval()} null disables the host monitor (tests drive
     * monitoring themselves), zero probes only on allocate/enable.
     */
    public static Core open(CoreSettings s) throws Exception {
        Core core = new Core();
        core.settings = s;
        core.db = CoreSchema.open(s.db());
        try {
            core.loadPools(s);
            core.drivers = new DriverRegistry();
            // ---- corevm: construct VmPool / Lifecycle here (core.vms = ..., core.lifecycle = ...); core.drivers() is available ----
            // needs users, groups, authorizer, hosts and networks: keep this block after them
            core.vms = eu.stratuslab.core.vm.VmPool.load(core.db, core.authorizer);
            core.lifecycle = new Lifecycle(core.vms, core.hosts, core.networks,
                    new eu.stratuslab.core.vm.VmLog(s.varDir(), s.clock()), s.clock());
            core.vms.attachAllocator(new eu.stratuslab.core.vm.VmAllocator(core.vms, core.networks, core.images, core.users,
                    core.groups, core.authorizer, s.clock(), eu.stratuslab.core.vm.VmAllocator.Settings.from(s),
                    core.lifecycle::created));
            // leases of VMs that vanished or ended while the process died (issue 13 item 4)
            core.networks.releaseStaleLeases(vid -> {
                eu.stratuslab.core.vm.VirtualMachine vm = core.vms.find(vid);
                return vm == null ? "does not exist" : vm.state() == eu.stratuslab.core.vm.VmState.DONE ? "is DONE" : null;
            });
            // host counters and VM states are separate writes: recount before anything moves on
            core.hosts.recountAllocations(core.vms.allocationsByHost());
            core.lifecycle.recover();
            // ---- end corevm ----
            if (s.monitorInterval() != null) {
                core.hostMonitor = new HostMonitor(core.hosts, core.drivers);
                core.hostMonitor.start(s.monitorInterval());
            }
        } catch (Exception | Error e) {
            core.close();
            throw e;
        }
        return core;
    }

    private void loadPools(CoreSettings s) throws Exception {
        Clock clock = s.clock();
        groups = GroupPool.load(db);
        acls = AclPool.load(db);
        authorizer = new Authorizer(acls);
        users = UserPool.load(db, groups, clock);
        groups.bootstrapDefaults();
        users.bootstrapDefaults(s.initialOneadminPassword());
        acls.bootstrapDefaults();
        hosts = HostPool.load(db, clock);
        networks = NetworkPool.load(db, users, groups, authorizer);
        images = ImagePool.load(db, users, groups, authorizer, clock);
        templates = VmTemplatePool.load(db, users, groups, authorizer, clock);
    }

    public Database db() { return db; }
    public CoreSettings settings() { return settings; }
    public UserPool users() { return users; }
    public GroupPool groups() { return groups; }
    public AclPool acls() { return acls; }
    public Authorizer authorizer() { return authorizer; }
    public HostPool hosts() { return hosts; }
    public NetworkPool networks() { return networks; }
    public ImagePool images() { return images; }
    public VmTemplatePool templates() { return templates; }
    public VmPool vms() { return vms; }

    /** Usage per user and group over {@code [from, to)} epoch seconds, as {@code caller} may see it (issue 12 item 4). */
    public eu.stratuslab.core.accounting.AccountingReport accounting(eu.stratuslab.core.auth.Caller caller, long from,
            long to) {
        return eu.stratuslab.core.accounting.Accounting.report(vms.all(), from, to,
                settings.clock().instant().getEpochSecond(), caller);
    }
    public Lifecycle lifecycle() { return lifecycle; }
    /** The process's hypervisor drivers (one per host). */
    public DriverRegistry drivers() { return drivers; }
    /** null when monitoring is disabled by the settings. */
    public HostMonitor hostMonitor() { return hostMonitor; }

    @Override
    public void close() {
        if (hostMonitor != null) {
            hostMonitor.close();
        }
        if (drivers != null) {
            drivers.close();
        }
        if (vms != null) {
            vms.close(); // its queued inserts commit before the database goes
        }
        if (db != null) {
            db.close();
        }
    }
}
