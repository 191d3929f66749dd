package eu.stratuslab.core.vm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.CoreSettings;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.PoolFilter;
import eu.stratuslab.infra.db.DbSettings;
import eu.stratuslab.core.host.HostShare;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Closing the core and opening it again on the same H2 file keeps VMs, history, leases and ids. */
public class VmRestartTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void everythingSurvivesARestart() throws Exception {
        MutableClock clock = new MutableClock(1_700_000_000L);
        CoreSettings settings = VmFixture.settings(DbSettings.h2File(tmp.getRoot().toPath(), "core"),
                tmp.getRoot().toPath(), clock);
        Map<Integer, String> documents = new LinkedHashMap<>();
        String pool;
        HostShare share;
        int running;
        int stopped;
        int done;
        int held;
        Caller alice;
        try (Core core = Core.open(settings)) {
            VmFixture.install(core);
            alice = VmFixture.user(core, "alice");
            running = core.vms().allocate(alice, VmFixture.LEGACY_DEFAULT).id();
            done = core.vms().allocate(alice, VmFixture.LEGACY_DEFAULT).id();
            stopped = core.vms().allocate(alice, VmFixture.LEGACY_DEFAULT).id();
            held = core.vms().allocate(alice, VmFixture.LEGACY_DEFAULT).id();
            clock.set(1_700_000_100L);
            core.lifecycle().deploy(running, 0);
            core.lifecycle().deploy(done, 0);
            core.lifecycle().deploy(stopped, 0);
            clock.set(1_700_000_200L);
            core.lifecycle().action("shutdown", done);
            core.lifecycle().action("stop", stopped);
            core.lifecycle().action("hold", held);
            for (VirtualMachine vm : core.vms().all()) {
                documents.put(vm.id(), vm.infoXml());
            }
            pool = core.vms().poolDocument(Caller.ONEADMIN, VmPoolFilter.of(PoolFilter.ALL, -1, -1, -2));
            share = core.hosts().get(0).share();
            assertEquals(1, share.runningVms());
        }

        clock.set(1_700_000_300L);
        try (Core core = Core.open(settings)) {
            assertEquals(documents.keySet(), Map.copyOf(documents).keySet());
            for (Map.Entry<Integer, String> e : documents.entrySet()) {
                assertEquals("VM " + e.getKey(), e.getValue(), core.vms().get(e.getKey()).infoXml());
            }
            assertEquals(pool, core.vms().poolDocument(Caller.ONEADMIN, VmPoolFilter.of(PoolFilter.ALL, -1, -1, -2)));
            assertEquals(share, core.hosts().get(0).share());
            assertEquals(3, core.networks().byName("public", 0).usedLeases()); // the DONE VM gave its lease back

            // ids keep counting up; the free lease of the DONE VM is reused, held ones are not
            VirtualMachine next = core.vms().allocate(alice, VmFixture.LEGACY_DEFAULT);
            assertEquals(held + 1, next.id());
            String doneIp = core.vms().get(done).template().firstVector("NIC").get("IP");
            assertEquals(doneIp, next.template().firstVector("NIC").get("IP"));
            assertNotEquals(core.vms().get(running).template().firstVector("NIC").get("IP"),
                    next.template().firstVector("NIC").get("IP"));

            // the stopped VM resumes on a new history record through PROLOG_RESUME
            core.lifecycle().action("resume", stopped);
            assertEquals(VmState.PENDING, core.vms().get(stopped).state());
            core.lifecycle().deploy(stopped, 0);
            VirtualMachine vm = core.vms().get(stopped);
            assertEquals(LcmState.RUNNING, vm.lcmState());
            assertEquals(2, vm.history().size());
            assertEquals(HistoryRecord.REASON_STOP_RESUME, vm.history().get(0).reason());
        }
    }
}
