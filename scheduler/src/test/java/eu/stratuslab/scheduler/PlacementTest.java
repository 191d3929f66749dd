package eu.stratuslab.scheduler;

import eu.stratuslab.core.db.CoreSchema;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.infra.db.Database;
import eu.stratuslab.infra.db.DbSettings;
import eu.stratuslab.core.host.Host;
import eu.stratuslab.core.host.HostPool;
import eu.stratuslab.scheduler.Placement.Decision;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.template.TemplateParser;
import eu.stratuslab.vmm.HostProbe;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class PlacementTest {
    private Database db;
    private HostPool hosts;

    @Before
    public void open() throws Exception {
        db = CoreSchema.open(DbSettings.h2Memory("placement-" + UUID.randomUUID()));
        hosts = HostPool.load(db, Clock.systemUTC());
    }

    @After
    public void close() {
        db.close();
    }

    /** A monitored host with {@code cores} cores and {@code memGb} GiB, all free. */
    private int host(String name, int cores, int memGb) throws Exception {
        int id = hosts.allocate(name, "im_dummy", "vmm_dummy", "dummy", "tm_dummy");
        long memKb = memGb * 1024L * 1024L;
        hosts.monitored(id, new HostProbe(cores * 100, memKb, cores * 100, memKb, 0, 0, "dummy", "x86_64", "cpu",
                "2400", 0, 0, name));
        return id;
    }

    private static VirtualMachine vm(int id, String template) throws Exception {
        return new VirtualMachine(id, 2, 1, "alice", "users", TemplateParser.parse(template), 1L);
    }

    private static List<VirtualMachine> vms(int n, String template) throws Exception {
        List<VirtualMachine> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(vm(i, template));
        }
        return list;
    }

    private List<Decision> place(SchedulerSettings s, List<VirtualMachine> pending) {
        return new Placement(s, (uid, gid, hostId) -> true).place(pending, hosts.all(), Map.of());
    }

    @Test
    public void stripingSpreadsOneVmPerHostPerPass() throws Exception {
        int a = host("a", 8, 16);
        int b = host("b", 8, 16);
        List<Decision> d = place(SchedulerSettings.defaults(), vms(3, "CPU = 1\nMEMORY = 512"));
        assertEquals(List.of(new Decision(0, a), new Decision(1, b)), d); // MAX_HOST 1: the third waits
    }

    @Test
    public void capacityOfAllocatedAndFreeResourcesIsRespectedWithinOnePass() throws Exception {
        int a = host("a", 8, 16);
        SchedulerSettings many = new SchedulerSettings(SchedulerSettings.defaults().interval(), 300, 0, 100, 1, null);
        List<Decision> d = place(many, vms(3, "CPU = 5\nMEMORY = 512"));
        assertEquals(List.of(new Decision(0, a)), d); // 500 of 800 CPU: the second no longer fits
        List<Decision> mem = place(many, vms(3, "CPU = 1\nMEMORY = 10240"));
        assertEquals(1, mem.size()); // 10 GiB of 16
    }

    @Test
    public void requirementsSelectHostsByTemplateAttributesWithWildcards() throws Exception {
        host("node-a", 8, 16);
        int b = host("gpu-b", 8, 16);
        List<Decision> d = place(SchedulerSettings.defaults(), List.of(vm(7, "MEMORY = 64\nREQUIREMENTS = \"HOSTNAME = \\\"gpu*\\\"\"")));
        assertEquals(List.of(new Decision(7, b)), d);
        assertTrue(place(SchedulerSettings.defaults(), List.of(vm(8, "REQUIREMENTS = \"TOTALCPU > 900\""))).isEmpty());
    }

    @Test
    public void packingPolicyAndCustomRankChooseTheExpectedHost() throws Exception {
        int a = host("a", 8, 16);
        int b = host("b", 16, 16);
        hosts.charge(b, 100, 1024); // b runs one VM already
        SchedulerSettings packing = new SchedulerSettings(SchedulerSettings.defaults().interval(), 300, 30, 1,
                SchedulerSettings.PACKING, null);
        assertEquals(List.of(new Decision(0, b)), place(packing, vms(1, "MEMORY = 64")));
        assertEquals(List.of(new Decision(0, a)), place(SchedulerSettings.defaults(), vms(1, "MEMORY = 64")));
        assertEquals(List.of(new Decision(0, b)), place(SchedulerSettings.defaults(), vms(1, "MEMORY = 64\nRANK = \"FREE_CPU\"")));
    }

    @Test
    public void avoidedHostsAndHostsWithoutRightsAreSkipped() throws Exception {
        int a = host("a", 8, 16);
        int b = host("b", 8, 16);
        Placement p = new Placement(SchedulerSettings.defaults(), (uid, gid, hostId) -> hostId != b);
        assertEquals(List.of(), p.place(List.of(vm(1, "MEMORY = 64")), hosts.all(), Map.of(1, Set.of(a))));
        assertEquals(List.of(new Decision(1, a)), p.place(List.of(vm(1, "MEMORY = 64")), hosts.all(), Map.of()));
    }

    @Test
    public void maxDispatchAndMaxVmLimitOnePass() throws Exception {
        for (int i = 0; i < 10; i++) {
            host("h" + i, 8, 16);
        }
        SchedulerSettings s = new SchedulerSettings(SchedulerSettings.defaults().interval(), 300, 4, 1, 1, null);
        assertEquals(4, place(s, vms(10, "MEMORY = 64")).size());
        SchedulerSettings maxVm = new SchedulerSettings(SchedulerSettings.defaults().interval(), 3, 0, 1, 1, null);
        assertEquals(3, place(maxVm, vms(10, "MEMORY = 64")).size());
    }

    @Test
    public void disabledAndFailedHostsAreNotCandidates() throws Exception {
        int a = host("a", 8, 16);
        int b = host("b", 8, 16);
        hosts.enable(a, false);
        hosts.monitoringFailed(b, "unreachable");
        assertTrue(place(SchedulerSettings.defaults(), vms(1, "MEMORY = 64")).isEmpty());
    }

    @Test
    public void schedConfIsParsedWithOpenNebulaKeys() throws Exception {
        SchedulerSettings s = SchedulerSettings.parse("""
                SCHED_INTERVAL = 5
                MAX_VM = 50
                MAX_DISPATCH = 10
                MAX_HOST = 2
                DEFAULT_SCHED = [ policy = 3, rank = "FREE_MEM - RUNNING_VMS" ]
                """);
        assertEquals(5, s.interval().toSeconds());
        assertEquals(50, s.maxVm());
        assertEquals(10, s.maxDispatch());
        assertEquals(2, s.maxHost());
        assertEquals("FREE_MEM - RUNNING_VMS", s.defaultRank());
        assertEquals("- RUNNING_VMS", SchedulerSettings.parse("").defaultRank());
    }

    @Test(expected = IllegalArgumentException.class)
    public void badSchedConfValuesAreRefused() throws Exception {
        SchedulerSettings.parse("MAX_VM = lots");
    }

    static List<Host> all(HostPool p) {
        return p.all();
    }
}
