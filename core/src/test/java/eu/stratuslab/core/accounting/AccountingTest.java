package eu.stratuslab.core.accounting;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.testsupport.OnEachDatabase;
import eu.stratuslab.core.testsupport.TestDatabases;
import eu.stratuslab.core.vm.HistoryRecord;
import eu.stratuslab.core.vm.InstalledCore;
import eu.stratuslab.core.vm.MutableClock;
import eu.stratuslab.core.vm.VmFixture;
import java.math.BigDecimal;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;

/**
 * Accounting from history records with known lifetimes (on each database): the lifecycle runs on
 * a manual clock, so every STIME and ETIME is known to the second, and the expected VM-hours,
 * CPU-hours and memory-GB-hours are exact; placements overlapping the range are clipped to it;
 * the history survives a reopen of the core.
 */
public class AccountingTest extends OnEachDatabase {
    private static final long T0 = 1_700_000_000L;

    private final MutableClock clock = new MutableClock(T0);
    private Core core;
    private Caller alice;
    private int aliceVm;
    private int adminVm;

    @Rule
    public InstalledCore installed = new InstalledCore(
            folder -> VmFixture.settings(TestDatabases.fresh(kind), folder.getRoot().toPath(), clock), this::knownLifetimes);

    /**
     * alice's VM (CPU 0.5, 1024 MB): placed on host 0 at T0+100, live-migrated to host 1 at
     * T0+3700, shut down at T0+7300. oneadmin's VM (CPU 2, 2048 MB): placed at T0+3600 and still
     * running. "Now" is T0+9000.
     */
    private void knownLifetimes(Core installedCore) throws Exception {
        core = installedCore;
        core.hosts().allocate("dummyhost2", "im_dummy", "vmm_dummy", "dummy", "tm_dummy");
        alice = VmFixture.user(core, "alice");
        String nic = "NIC = [ NETWORK = \"public\", NETWORK_UNAME = \"oneadmin\" ]\n";
        aliceVm = core.vms().allocate(alice, "CPU = 0.5\nMEMORY = 1024\n" + nic).id();
        adminVm = core.vms().allocate(Caller.ONEADMIN, "CPU = 2\nMEMORY = 2048\n" + nic).id();
        clock.set(T0 + 100);
        core.lifecycle().deploy(aliceVm, 0);
        clock.set(T0 + 3600);
        core.lifecycle().deploy(adminVm, 0);
        clock.set(T0 + 3700);
        core.lifecycle().migrate(aliceVm, 1, true);
        clock.set(T0 + 7300);
        core.lifecycle().action("shutdown", aliceVm);
        clock.set(T0 + 9000);
    }

    @Test
    public void theHistoryHasTheKnownTimes() throws Exception {
        List<HistoryRecord> a = core.vms().get(aliceVm).history();
        assertEquals(2, a.size());
        assertEquals(T0 + 100, a.get(0).stime());
        assertEquals(T0 + 3700, a.get(0).etime());
        assertEquals(T0 + 3700, a.get(1).stime());
        assertEquals(T0 + 7300, a.get(1).etime());
        HistoryRecord b = core.vms().get(adminVm).lastHistory();
        assertEquals(T0 + 3600, b.stime());
        assertEquals(0, b.etime());
    }

    @Test
    public void wholeLifetimesInAWideRange() {
        AccountingReport r = core.accounting(Caller.ONEADMIN, T0, T0 + 86_400);
        // alice: 7200 s = 2 h; × 0.5 CPU = 1 CPU-h; × 1 GB = 2 GB-h
        Usage a = user(r, "alice");
        assertEquals(7200, a.vmSeconds());
        assertEquals(1, a.vms());
        assertHours("2", a.vmHours());
        assertHours("1", a.cpuHours());
        assertHours("2", a.memoryGbHours());
        // oneadmin: open placement counted until now, 5400 s = 1.5 h; × 2 CPU = 3 CPU-h; × 2 GB = 3 GB-h
        Usage o = user(r, "oneadmin");
        assertEquals(5400, o.vmSeconds());
        assertHours("1.5", o.vmHours());
        assertHours("3", o.cpuHours());
        assertHours("3", o.memoryGbHours());
        assertEquals(List.of("oneadmin", "users"), r.groups().stream().map(Usage::name).toList());
        assertEquals(7200, r.groups().get(1).vmSeconds());
    }

    @Test
    public void placementsAreClippedExactlyToTheRange() {
        // [T0+1800, T0+5400): alice 1900 s on host 0 + 1700 s on host 1 = 3600 s; oneadmin 1800 s
        AccountingReport r = core.accounting(Caller.ONEADMIN, T0 + 1800, T0 + 5400);
        assertEquals(3600, user(r, "alice").vmSeconds());
        assertHours("1", user(r, "alice").vmHours());
        assertHours("0.5", user(r, "alice").cpuHours());
        assertHours("1", user(r, "alice").memoryGbHours());
        assertEquals(1800, user(r, "oneadmin").vmSeconds());
        assertHours("1", user(r, "oneadmin").cpuHours());
        // ranges that tile a period add up to the period
        long sum = 0;
        for (long from = T0; from < T0 + 9000; from += 1000) {
            AccountingReport part = core.accounting(Caller.ONEADMIN, from, from + 1000);
            sum += part.users().stream().mapToLong(Usage::vmSeconds).sum();
        }
        assertEquals(7200 + 5400, sum);
        // a range before any placement or after alice's VM ended
        assertTrue(core.accounting(Caller.ONEADMIN, T0, T0 + 100).users().isEmpty());
        assertEquals(List.of("oneadmin"),
                core.accounting(Caller.ONEADMIN, T0 + 7300, T0 + 8000).users().stream().map(Usage::name).toList());
    }

    @Test
    public void aUserSeesOnlyTheirOwnVms() {
        AccountingReport r = core.accounting(alice, T0, T0 + 86_400);
        assertEquals(List.of("alice"), r.users().stream().map(Usage::name).toList());
        assertEquals(List.of("users"), r.groups().stream().map(Usage::name).toList());
    }

    @Test
    public void theHistoryIsAccountedAfterAReopen() throws Exception {
        String before = core.accounting(Caller.ONEADMIN, T0 + 1800, T0 + 5400).toCsv();
        core = installed.reopen();
        assertEquals(before, core.accounting(Caller.ONEADMIN, T0 + 1800, T0 + 5400).toCsv());
    }

    @Test
    public void csvAndJsonCarryTheFigures() {
        AccountingReport r = core.accounting(Caller.ONEADMIN, T0 + 1800, T0 + 5400);
        List<String> lines = r.toCsv().lines().toList();
        assertEquals("kind,id,name,gid,group,from,to,vms,vm_seconds,vm_hours,cpu_hours,memory_gb_hours", lines.get(0));
        assertEquals("user,0,oneadmin,0,oneadmin,2023-11-14T22:43:20Z,2023-11-14T23:43:20Z,1,1800,0.5,1,1",
                lines.get(1));
        assertEquals("user," + alice.uid() + ",alice,1,users,2023-11-14T22:43:20Z,2023-11-14T23:43:20Z,1,3600,1,0.5,1",
                lines.get(2));
        assertEquals(5, lines.size()); // header, 2 users, 2 groups
        String json = r.toJson();
        assertTrue(json, json.contains("\"name\":\"alice\",\"gid\":1,\"group\":\"users\",\"vms\":1,\"vm_seconds\":3600,"
                + "\"vm_hours\":1,\"cpu_hours\":0.5,\"memory_gb_hours\":1}"));
    }

    @Test
    public void anEmptyOrReversedRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> core.accounting(Caller.ONEADMIN, T0, T0));
        assertThrows(IllegalArgumentException.class, () -> core.accounting(Caller.ONEADMIN, T0 + 1, T0));
    }

    @Test
    public void rangeBoundsInTheFormsAdministratorsType() {
        assertEquals(1_764_547_200L, AccountingRange.parse("from", "2025-12-01"));
        assertEquals(1_764_583_200L, AccountingRange.parse("from", "2025-12-01T10:00:00"));
        assertEquals(1_764_583_200L, AccountingRange.parse("from", "2025-12-01T10:00:00Z"));
        assertEquals(1_764_576_000L, AccountingRange.parse("from", "2025-12-01T10:00:00+02:00"));
        assertEquals(42L, AccountingRange.parse("from", "42"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AccountingRange.parse("from", "yesterday"));
        assertTrue(e.getMessage(), e.getMessage().contains("from 'yesterday' is not a time"));
    }

    private static Usage user(AccountingReport r, String name) {
        return r.users().stream().filter(u -> u.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + name + " in " + r.users()));
    }

    private static void assertHours(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual));
    }
}
