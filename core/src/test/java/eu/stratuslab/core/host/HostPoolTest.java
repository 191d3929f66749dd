package eu.stratuslab.core.host;

import static eu.stratuslab.core.testsupport.OneErrors.expect;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.testsupport.CoreOnEachDatabase;
import eu.stratuslab.template.TemplateParser;
import eu.stratuslab.vmm.HostProbe;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.Before;
import org.junit.Test;
import eu.stratuslab.infra.testsupport.Together;

public class HostPoolTest extends CoreOnEachDatabase {
    private HostPool hosts;

    @Before
    public void open() throws Exception {
        hosts = core.hosts();
    }

    @Test
    public void allocateChargeReleaseAndDelete() throws Exception {
        int id = hosts.allocate("node1", "im_kvm", "vmm_kvm", "dummy", "tm_stratuslab");
        assertEquals("<HOST><ID>0</ID><NAME>node1</NAME><STATE>0</STATE><IM_MAD>im_kvm</IM_MAD><VM_MAD>vmm_kvm</VM_MAD>"
                + "<VN_MAD>dummy</VN_MAD><TM_MAD>tm_stratuslab</TM_MAD><LAST_MON_TIME>0</LAST_MON_TIME><HOST_SHARE>"
                + "<DISK_USAGE>0</DISK_USAGE><MEM_USAGE>0</MEM_USAGE><CPU_USAGE>0</CPU_USAGE><MAX_DISK>0</MAX_DISK>"
                + "<MAX_MEM>0</MAX_MEM><MAX_CPU>0</MAX_CPU><FREE_DISK>0</FREE_DISK><FREE_MEM>0</FREE_MEM><FREE_CPU>0</FREE_CPU>"
                + "<USED_DISK>0</USED_DISK><USED_MEM>0</USED_MEM><USED_CPU>0</USED_CPU><RUNNING_VMS>0</RUNNING_VMS>"
                + "</HOST_SHARE><TEMPLATE></TEMPLATE></HOST>", hosts.document(id));
        expect(() -> hosts.allocate("node1", "im_kvm", "vmm_kvm", "dummy", "tm_stratuslab"), ErrorCode.INTERNAL,
                "Error allocating a new host. NAME is already taken by HOST 0.");
        hosts.charge(id, 100, 524288);
        hosts.charge(id, 50, 262144);
        assertEquals(150, hosts.get(id).share().cpuUsage());
        assertEquals(786432, hosts.get(id).share().memUsage());
        assertEquals(2, hosts.get(id).share().runningVms());
        expect(() -> hosts.delete(id), ErrorCode.INTERNAL, "Can not delete host. Can not remove a host with running VMs");
        hosts.release(id, 100, 524288);
        hosts.release(id, 50, 262144);
        assertEquals(0, hosts.get(id).share().runningVms());
        assertEquals(0, hosts.get(id).share().cpuUsage());
        hosts.delete(id);
        expect(() -> hosts.get(id), ErrorCode.NO_EXISTS, "Error getting host [0].");
        expect(() -> hosts.charge(7, 1, 1), ErrorCode.NO_EXISTS, "Error getting host [7].");
    }

    @Test
    public void concurrentChargesOfOneHostAreNeverLost() throws Exception {
        int id = hosts.allocate("busy", "im_dummy", "vmm_dummy", "dummy", "tm_dummy");
        int threads = 8;
        int perThread = 25;
        Together.run(threads, threads, Duration.ofSeconds(60), t -> {
            for (int i = 0; i < perThread; i++) {
                hosts.charge(id, 100, 1024);
            }
            return null;
        });
        HostShare s = hosts.get(id).share();
        assertEquals(threads * perThread, s.runningVms());
        assertEquals(threads * perThread * 100L, s.cpuUsage());
        assertEquals(threads * perThread * 1024L, s.memUsage());
        // what is stored is what is in memory
        HostPool reloaded = HostPool.load(core.db(), Clock.systemUTC());
        assertEquals(s, reloaded.get(id).share());
    }

    @Test
    public void monitoringErrorAndRecovery() throws Exception {
        int id = hosts.allocate("node1", "im_kvm", "vmm_kvm", "dummy", "tm_stratuslab");
        hosts.update(id, TemplateParser.parse("CLUSTER=test\n"));
        hosts.monitored(id, new HostProbe(800, 16777216, 780, 14680064, 20, 2097152, "kvm", "x86_64",
                "Intel(R) Xeon(R) CPU", "2400", 0, 0, "node1.example.org"));
        Host h = hosts.get(id);
        assertEquals(HostState.MONITORED, h.state());
        assertEquals(1_795_452_626L, h.lastMonTime());
        assertTrue(h.document(), h.document().contains("<MAX_MEM>16777216</MAX_MEM><MAX_CPU>800</MAX_CPU><FREE_DISK>0</FREE_DISK>"
                + "<FREE_MEM>14680064</FREE_MEM><FREE_CPU>780</FREE_CPU><USED_DISK>0</USED_DISK><USED_MEM>2097152</USED_MEM><USED_CPU>20</USED_CPU>"));
        assertTrue(h.document().contains("<TEMPLATE><ARCH><![CDATA[x86_64]]></ARCH><CLUSTER><![CDATA[test]]></CLUSTER>"
                + "<CPUSPEED><![CDATA[2400]]></CPUSPEED>"));
        hosts.monitoringFailed(id, "connection refused");
        assertEquals(HostState.ERROR, hosts.get(id).state());
        hosts.monitored(id, new HostProbe(800, 16777216, 800, 16777216, 0, 0, "kvm", "x86_64", "m", "2400", 0, 0, "n"));
        assertEquals(HostState.MONITORED, hosts.get(id).state());
        hosts.enable(id, false);
        hosts.monitored(id, new HostProbe(800, 16777216, 800, 16777216, 0, 0, "kvm", "x86_64", "m", "2400", 0, 0, "n"));
        assertEquals("a disabled host stays disabled", HostState.DISABLED, hosts.get(id).state());
        hosts.enable(id, true);
        assertEquals(HostState.INIT, hosts.get(id).state());
    }

    @Test
    public void monitorProbesDummyHostsAtOnceAndReportsDriverErrors() throws Exception {
        try (HostMonitor monitor = new HostMonitor(hosts, core.drivers())) {
            monitor.start(Duration.ZERO);
            int dummy = hosts.allocate("dummyhost1", "im_dummy", "vmm_dummy", "dummy", "tm_dummy");
            waitFor(() -> hosts.byId(dummy).state() == HostState.MONITORED);
            assertEquals("<HOST_SHARE><DISK_USAGE>0</DISK_USAGE><MEM_USAGE>0</MEM_USAGE><CPU_USAGE>0</CPU_USAGE>"
                    + "<MAX_DISK>0</MAX_DISK><MAX_MEM>16777216</MAX_MEM><MAX_CPU>800</MAX_CPU><FREE_DISK>0</FREE_DISK>"
                    + "<FREE_MEM>16777216</FREE_MEM><FREE_CPU>800</FREE_CPU><USED_DISK>0</USED_DISK><USED_MEM>0</USED_MEM>"
                    + "<USED_CPU>0</USED_CPU><RUNNING_VMS>0</RUNNING_VMS></HOST_SHARE><TEMPLATE><CPUSPEED><![CDATA[2.2GHz]]>"
                    + "</CPUSPEED><FREECPU><![CDATA[800]]></FREECPU><FREEMEMORY><![CDATA[16777216]]></FREEMEMORY><HOSTNAME>"
                    + "<![CDATA[dummyhost1]]></HOSTNAME><HYPERVISOR><![CDATA[dummy]]></HYPERVISOR><TOTALCPU><![CDATA[800]]>"
                    + "</TOTALCPU><TOTALMEMORY><![CDATA[16777216]]></TOTALMEMORY><USEDCPU><![CDATA[0]]></USEDCPU><USEDMEMORY>"
                    + "<![CDATA[0]]></USEDMEMORY></TEMPLATE></HOST>",
                    hosts.document(dummy).substring(hosts.document(dummy).indexOf("<HOST_SHARE>")));
            int broken = hosts.allocate("broken", "im_nope", "vmm_nope", "dummy", "tm_dummy");
            waitFor(() -> hosts.byId(broken).state() == HostState.ERROR);
            hosts.enable(dummy, false);
            monitor.probeOnce(dummy);
            assertEquals(HostState.DISABLED, hosts.get(dummy).state());
            hosts.enable(dummy, true);
            waitFor(() -> hosts.byId(dummy).state() == HostState.MONITORED);
        }
    }

    private static void waitFor(BooleanSupplier condition) {
        eu.stratuslab.core.testsupport.Await.await("host state", Duration.ofSeconds(20), condition);
    }
}
