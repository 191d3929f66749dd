package eu.stratuslab.core.lifecycle;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.host.HostShare;
import eu.stratuslab.core.lifecycle.LifecycleFixture.Start;
import eu.stratuslab.core.vm.HistoryRecord;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmState;
import eu.stratuslab.template.VectorAttribute;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/** Capacity, leases, failure documents and hook calls along the lifecycle paths. */
public class LifecycleTransitionsTest {
    @Rule
    public final LifecycleFixture fx = LifecycleFixture.perTest();
    private final List<String> hooks = new CopyOnWriteArrayList<>();

    @Before
    public void open() throws Exception {
        fx.lc.addHookListener(new VmHookListener() {
            @Override public void onCreate(VirtualMachine vm) { hooks.add("CREATE " + vm.id()); }
            @Override public void onRunning(VirtualMachine vm) { hooks.add("RUNNING " + vm.id()); }
            @Override public void onShutdown(VirtualMachine vm) { hooks.add("SHUTDOWN " + vm.id()); }
            @Override public void onStop(VirtualMachine vm) { hooks.add("STOP " + vm.id()); }
            @Override public void onDone(VirtualMachine vm) { hooks.add("DONE " + vm.id()); }
            @Override public void onFailed(VirtualMachine vm) { hooks.add("FAILED " + vm.id()); }
        });
    }

    private HostShare share(int host) throws OneException {
        return fx.core.hosts().get(host).share();
    }

    private int usedLeases() {
        return fx.core.networks().byName("public", 0).usedLeases();
    }

    @Test
    public void deployChargesTheHostAndDoneReleasesHostAndLease() throws Exception {
        int id = fx.allocate();
        assertEquals(1, usedLeases());
        fx.lc.deploy(id, LifecycleFixture.DUMMY_HOST);
        assertEquals(100, share(0).cpuUsage());
        assertEquals(512 * 1024, share(0).memUsage());
        assertEquals(1, share(0).runningVms());
        VirtualMachine vm = fx.vm(id);
        assertEquals("dummyhost1:one-" + id + ":dummy", vm.deployId());
        assertEquals("dummyhost1", vm.lastHistory().hostname());
        assertEquals("vmm_dummy", vm.lastHistory().vmmMad());

        fx.lc.action("shutdown", id);
        assertEquals(0, share(0).cpuUsage());
        assertEquals(0, share(0).memUsage());
        assertEquals(0, share(0).runningVms());
        assertEquals(0, usedLeases());
        assertEquals(List.of("CREATE " + id, "RUNNING " + id, "SHUTDOWN " + id, "DONE " + id), hooks);
        // deploying again is refused
        try {
            fx.lc.deploy(id, LifecycleFixture.DUMMY_HOST);
            fail("a DONE VM was deployed");
        } catch (OneException e) {
            assertEquals(ErrorCode.ACTION, e.code());
        }
    }

    @Test
    public void stopReleasesCapacityButKeepsTheLease() throws Exception {
        int id = fx.vmIn(Start.STOPPED);
        assertEquals(0, share(0).runningVms());
        assertEquals(1, usedLeases());
        assertTrue(hooks.contains("STOP " + id));
        assertEquals(HistoryRecord.REASON_STOP_RESUME, fx.vm(id).lastHistory().reason());
        fx.lc.action("finalize", id);
        assertEquals(0, usedLeases());
    }

    @Test
    public void prologFailureSetsTheErrorAndReleasesTheHostOnly() throws Exception {
        fx.clock.set(1_402_568_000L);
        int id = fx.vmIn(Start.FAILED);
        VirtualMachine vm = fx.vm(id);
        assertEquals(VmState.FAILED, vm.state());
        VectorAttribute error = vm.template().firstVector("ERROR");
        assertEquals("prolog: Image isn't valid according to site policy", error.get("MESSAGE"));
        assertEquals("Thu Jun 12 10:13:20 2014", error.get("TIMESTAMP"));
        assertTrue(vm.infoXml().contains("<ERROR><MESSAGE><![CDATA[prolog: Image isn't valid according to site policy]]>"
                + "</MESSAGE><TIMESTAMP><![CDATA[Thu Jun 12 10:13:20 2014]]></TIMESTAMP></ERROR><GRAPHICS>"));
        assertEquals(HistoryRecord.REASON_ERROR, vm.lastHistory().reason());
        assertEquals(0, share(LifecycleFixture.MANUAL_HOST).runningVms());
        assertEquals(1, usedLeases());
        assertTrue(hooks.contains("FAILED " + id));
        fx.lc.action("finalize", id);
        assertEquals(0, usedLeases());
        assertTrue(fx.manual.calls.contains("deleteFiles:" + id));
    }

    @Test
    public void shutdownThatDoesNotCompleteReturnsToRunning() throws Exception {
        int id = fx.vmIn(Start.SHUTDOWN);
        fx.lc.shutdownFailed(id, "timeout");
        assertEquals("RUNNING", fx.label(id));
        // a late report for a state the VM has left is ignored
        fx.lc.shutdownDone(id);
        assertEquals("RUNNING", fx.label(id));
        fx.lc.epilogDone(id);
        assertEquals("RUNNING", fx.label(id));
    }

    @Test
    public void unknownDriverFailsTheVmWithAClearMessage() throws Exception {
        fx.core.hosts().allocate("kvmhost", "im_kvm", "vmm_kvm", "dummy", "tm_stratuslab");
        int id = fx.allocate();
        fx.lc.deploy(id, 2);
        VirtualMachine vm = fx.vm(id);
        assertEquals(VmState.FAILED, vm.state());
        assertEquals("No VM manager for driver vmm_kvm", vm.template().firstVector("ERROR").get("MESSAGE"));
        assertEquals(0, share(2).runningVms());
    }

    @Test
    public void monitoringReportsUpdateTheDocument() throws Exception {
        int id = fx.vmIn(Start.RUNNING);
        fx.clock.set(1_700_000_500L);
        fx.lc.polled(id, 1_572_864L, 2, 1843, 20980);
        String doc = fx.vm(id).infoXml();
        assertTrue(doc, doc.contains("<LAST_POLL>1700000500</LAST_POLL>"));
        assertTrue(doc, doc.contains("<MEMORY>1572864</MEMORY><CPU>2</CPU><NET_TX>1843</NET_TX><NET_RX>20980</NET_RX>"));
        fx.lc.domainPaused(id);
        assertEquals("SUSPENDED", fx.label(id));
        fx.lc.action("resume", id);
        assertEquals("RUNNING", fx.label(id));
        fx.lc.monitorFailed(id, "domain lost");
        assertEquals("FAILED", fx.label(id));
        assertEquals(0, share(0).runningVms());
    }

    @Test
    public void migrationsMoveTheChargeBetweenHosts() throws Exception {
        int id = fx.vmIn(Start.RUNNING);
        // live, completed at once by the dummy source host
        fx.lc.migrate(id, LifecycleFixture.MANUAL_HOST, true);
        assertEquals("RUNNING", fx.label(id));
        assertEquals(0, share(0).runningVms());
        assertEquals(1, share(1).runningVms());
        VirtualMachine vm = fx.vm(id);
        assertEquals(2, vm.history().size());
        assertEquals(HistoryRecord.REASON_USER, vm.history().get(0).reason());
        assertEquals("manualhost", vm.lastHistory().hostname());

        // live back to the dummy host, but the (manual) source reports a failure
        fx.lc.migrate(id, LifecycleFixture.DUMMY_HOST, true);
        assertEquals("MIGRATE", fx.label(id));
        assertEquals(1, share(0).runningVms());
        assertEquals(1, share(1).runningVms());
        fx.lc.migrateFailed(id, "peer unreachable");
        assertEquals("RUNNING", fx.label(id));
        assertEquals(0, share(0).runningVms());
        assertEquals(1, share(1).runningVms());
        assertEquals(2, fx.vm(id).history().size());
        assertEquals(HistoryRecord.REASON_NONE, fx.vm(id).lastHistory().reason());

        // cold: saved on the manual host, then prolog/restore on the dummy host
        fx.lc.migrate(id, LifecycleFixture.DUMMY_HOST, false);
        assertEquals("SAVE_MIGRATE", fx.label(id));
        fx.lc.saved(id);
        assertEquals("RUNNING", fx.label(id));
        assertEquals(1, share(0).runningVms());
        assertEquals(0, share(1).runningVms());
        assertEquals(3, fx.vm(id).history().size());

        // migrating a VM that is not RUNNING is refused
        int pending = fx.allocate();
        try {
            fx.lc.migrate(pending, LifecycleFixture.MANUAL_HOST, true);
            fail("PENDING VM migrated");
        } catch (OneException e) {
            assertEquals(ErrorCode.ACTION, e.code());
        }
        assertEquals(0, share(1).runningVms());
    }
}
