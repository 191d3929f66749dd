package eu.stratuslab.core.vm;

import static org.junit.Assert.assertEquals;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.CoreSettings;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.PoolFilter;
import eu.stratuslab.core.testsupport.OnEachDatabase;
import eu.stratuslab.core.testsupport.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The VM tables on each supported database (H2 always; MariaDB when STRATUSLAB_MARIADB_URL is
 * set): every transition is stored, history rows included, and a reopened core shows the same.
 */
public class VmStoreRepositoryTest extends OnEachDatabase {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void vmsAndHistoryRoundTrip() throws Exception {
        MutableClock clock = new MutableClock(1_700_000_000L);
        CoreSettings settings = VmFixture.settings(TestDatabases.fresh(kind), tmp.getRoot().toPath(), clock);
        List<String> documents = new ArrayList<>();
        String pool;
        try (Core core = Core.open(settings)) {
            VmFixture.install(core);
            core.hosts().allocate("dummyhost2", "im_dummy", "vmm_dummy", "dummy", "tm_dummy");
            int a = core.vms().allocate(Caller.ONEADMIN, VmFixture.LEGACY_DEFAULT).id();
            int b = core.vms().allocate(Caller.ONEADMIN, VmFixture.LEGACY_DEFAULT + "\nNAME = \"quote\\\" ]]> <&>\"\n").id();
            clock.set(1_700_000_050L);
            core.lifecycle().deploy(a, 0);
            core.lifecycle().deploy(b, 0);
            clock.set(1_700_000_080L);
            core.lifecycle().migrate(a, 1, true);
            core.lifecycle().migrate(b, 1, false);
            clock.set(1_700_000_090L);
            core.lifecycle().action("shutdown", b);
            assertEquals(2, core.vms().get(a).history().size());
            assertEquals(HistoryRecord.REASON_USER, core.vms().get(a).history().get(0).reason());
            assertEquals(VmState.DONE, core.vms().get(b).state());
            assertEquals("quote\" ]]> <&>", core.vms().get(b).name());
            assertEquals(0, core.hosts().get(0).share().runningVms());
            assertEquals(1, core.hosts().get(1).share().runningVms());
            for (VirtualMachine vm : core.vms().all()) {
                documents.add(vm.infoXml());
            }
            pool = core.vms().poolDocument(Caller.ONEADMIN, VmPoolFilter.of(PoolFilter.ALL, -1, -1, -2));
        }
        try (Core core = Core.open(settings)) {
            List<String> reloaded = new ArrayList<>();
            for (VirtualMachine vm : core.vms().all()) {
                reloaded.add(vm.infoXml());
            }
            assertEquals(documents, reloaded);
            assertEquals(pool, core.vms().poolDocument(Caller.ONEADMIN, VmPoolFilter.of(PoolFilter.ALL, -1, -1, -2)));
        }
    }
}
