package eu.stratuslab.core.vm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.testsupport.OnEachDatabase;
import eu.stratuslab.core.testsupport.TestDatabases;
import eu.stratuslab.infra.db.DbSettings;
import eu.stratuslab.infra.testsupport.Together;
import eu.stratuslab.template.TemplateParser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Allocations whose writes share group commits (issue 14 item 6), on each database (H2 as the
 * cloud opens it, MariaDB where configured): every acknowledged VM is stored with its lease and
 * shows after a reopen; quotas stay exact although checks no longer wait for commits; a commit
 * that fails in the database fails its callers and leaves no VM, lease or quota behind.
 */
public class VmGroupCommitTest extends OnEachDatabase {
    private static final String ON_BIG = "MEMORY = 16\nNIC = [ NETWORK = big, NETWORK_UNAME = oneadmin ]\n";

    @Rule
    public InstalledCore installed = new InstalledCore(folder -> VmFixture.settings(database(folder),
            folder.newFolder("var").toPath(), new MutableClock(1_700_000_000L)), VmFixture::installBig);

    /** H2 in files, as the cloud opens it, or a fresh database of the run's kind. */
    private DbSettings database(TemporaryFolder folder) throws Exception {
        return "h2".equals(kind) ? DbSettings.h2File(folder.newFolder("db").toPath(), "core") : TestDatabases.fresh(kind);
    }

    private Core core() {
        return installed.core();
    }

    private long storedRows() throws Exception {
        try (Connection c = core().db().connection(); ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM vm_pool")) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    public void concurrentAllocatesAreAllStoredAndQuotasStayExact() throws Exception {
        Map<Integer, String> acknowledged = new ConcurrentHashMap<>();
        Map<String, Integer> refusedByUser = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        List<Caller> users = new ArrayList<>();
        for (int u = 0; u < 4; u++) {
            users.add(VmFixture.user(core(), "user" + u)); // CPU quota 20 (the default)
        }
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < 24; t++) {
            // 16 threads for 4 quota-bound users (4 each, 15 tries each: 60 tries for 20 CPUs), 8 for oneadmin
            Caller who = t < 16 ? users.get(t % 4) : Caller.ONEADMIN;
            int thread = t;
            tasks.add(() -> {
                for (int i = 0; i < 15; i++) {
                    String name = "t" + thread + "-" + i;
                    try {
                        VirtualMachine vm = core().vms().allocate(who, "NAME = " + name + "\nCPU = 1\n" + ON_BIG);
                        acknowledged.put(vm.id(), name);
                    } catch (OneException e) {
                        if (e.code() == ErrorCode.AUTHORIZATION && who != Caller.ONEADMIN) {
                            refusedByUser.merge(who.name(), 1, Integer::sum);
                        } else {
                            unexpected.add(e);
                        }
                    }
                }
                return null;
            });
        }
        Together.run(24, Duration.ofMinutes(5), tasks);
        assertTrue("unexpected errors: " + unexpected, unexpected.isEmpty());
        assertEquals(4 * 20 + 8 * 15, acknowledged.size());
        for (Caller u : users) {
            assertEquals(u.name(), 20.0, core().vms().cpuUsedBy(u.uid()), 1e-9);
            assertEquals(u.name(), Integer.valueOf(40), refusedByUser.get(u.name()));
        }
        assertEquals(acknowledged.size(), core().networks().byName("big", 0).usedLeases());

        // what was acknowledged is what is stored, leases and ids included
        Core again = installed.reopen();
        Map<Integer, String> stored = new TreeMap<>();
        for (VirtualMachine vm : again.vms().all()) {
            stored.put(vm.id(), vm.name());
        }
        assertEquals(new TreeMap<>(acknowledged), stored);
        for (Caller u : users) {
            assertEquals(u.name(), 20.0, again.vms().cpuUsedBy(u.uid()), 1e-9);
        }
        assertEquals(acknowledged.size(), again.networks().byName("big", 0).usedLeases());
        int highest = new TreeSet<>(acknowledged.keySet()).last();
        assertTrue(again.vms().allocate(Caller.ONEADMIN, ON_BIG).id() > highest);
    }

    @Test
    public void aFailedCommitFailsItsCallersAndLeavesNoVmLeaseOrQuota() throws Exception {
        Caller alice = VmFixture.user(core(), "alice"); // CPU quota 20
        int fixed = core().networks().allocate(Caller.ONEADMIN, TemplateParser.parse(
                "NAME = fixed\nTYPE = FIXED\nBRIDGE = br2\nLEASES = [ IP = 10.30.0.1 ]\n"));
        core().networks().chmod(fixed, new int[] {-1, -1, -1, -1, -1, -1, 1, -1, -1});
        // The address is taken in the database behind the pool's back: the lease write of any VM
        // that gets it fails in the database, and with it the whole shared transaction.
        try (Connection c = core().db().connection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE network_leases SET used = 1, vid = 4242 WHERE network_oid = ? AND ip = ?")) {
            ps.setInt(1, fixed);
            ps.setLong(2, (10L << 24) | (30L << 16) | 1); // 10.30.0.1
            assertEquals(1, ps.executeUpdate());
        }
        Map<Integer, Double> acknowledgedCpu = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> storageFailures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            boolean doomed = t < 4;
            tasks.add(() -> {
                for (int i = 0; i < 10; i++) {
                    String template = doomed
                            ? "CPU = 1\nMEMORY = 16\nNIC = [ NETWORK = fixed, NETWORK_UNAME = oneadmin, IP = 10.30.0.1 ]\n"
                            : "CPU = 0.1\n" + ON_BIG;
                    try {
                        VirtualMachine vm = core().vms().allocate(alice, template);
                        acknowledgedCpu.put(vm.id(), vm.cpuRequested());
                    } catch (OneException e) {
                        if (e.getMessage().equals(VmAllocator.PREFIX + "Database error.")) {
                            storageFailures.add(doomed ? "doomed" : "batch-mate");
                        } else if (!(doomed && e.getMessage().contains("Cannot get IP/MAC lease"))) {
                            unexpected.add(e); // a doomed one may also find the address taken by another doomed one
                        }
                    }
                }
                return null;
            });
        }
        Together.run(24, Duration.ofMinutes(5), tasks);
        assertTrue("unexpected errors: " + unexpected, unexpected.isEmpty());
        assertTrue("the doomed allocations reached the database: " + storageFailures, storageFailures.contains("doomed"));
        for (double cpu : acknowledgedCpu.values()) {
            assertEquals(0.1, cpu, 1e-9); // no doomed VM was acknowledged
        }

        // no trace of the failed ones: not in the pool, not stored, no lease, no quota held
        assertEquals(acknowledgedCpu.keySet(), Set.copyOf(core().vms().ids()));
        assertEquals(acknowledgedCpu.size(), storedRows());
        assertEquals(acknowledgedCpu.size(), core().networks().byName("big", 0).usedLeases());
        assertEquals("the failed VMs' lease is given back in memory", 0, core().networks().byName("fixed", 0).usedLeases());
        double used = 0.1 * acknowledgedCpu.size();
        assertEquals(used, core().vms().cpuUsedBy(alice.uid()), 1e-6);
        // the whole rest of the quota is free: no reservation of a failed allocation is left over
        double rest = Math.round((20.0 - used) * 10) / 10.0;
        core().vms().allocate(alice, "CPU = " + rest + "\n" + ON_BIG);
        try {
            core().vms().allocate(alice, "CPU = 0.1\n" + ON_BIG);
            throw new AssertionError("the quota let a VM past 20 CPUs");
        } catch (OneException e) {
            assertEquals(ErrorCode.AUTHORIZATION, e.code());
        }

        Set<Integer> expected = new TreeSet<>(core().vms().ids());
        assertEquals(expected, new TreeSet<>(installed.reopen().vms().ids()));
    }
}
