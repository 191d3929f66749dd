package eu.stratuslab.core.vm;

import static org.junit.Assert.assertEquals;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.CoreSettings;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.infra.db.DbSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The quota's "Used" sums per owner are kept as VMs change, not recounted at each check: after any
 * mix of allocates, chowns, holds and finalizes they equal a count over the whole pool, and a
 * reopened core finds the same sums.
 */
public class VmQuotaUsageTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void usageFollowsAllocateChownAndFinalizeAndSurvivesARestart() throws Exception {
        CoreSettings settings = VmFixture.settings(DbSettings.h2File(tmp.newFolder("db").toPath(), "core"),
                tmp.newFolder("var").toPath(), new MutableClock(1_700_000_000L));
        List<Caller> users = new ArrayList<>();
        try (Core core = Core.open(settings)) {
            VmFixture.install(core);
            for (int u = 0; u < 3; u++) {
                users.add(VmFixture.user(core, "user" + u));
            }
            Random random = new Random(14);
            List<Integer> live = new ArrayList<>();
            for (int step = 0; step < 300; step++) {
                int what = random.nextInt(10);
                if (what < 5 || live.isEmpty()) {
                    Caller owner = users.get(random.nextInt(users.size()));
                    String cpu = new String[] {"0.1", "0.25", "1", "0.3"}[random.nextInt(4)];
                    live.add(core.vms().allocate(owner, "CPU = " + cpu + "\nMEMORY = " + (1 + random.nextInt(64))
                            + "\nNIC = [ NETWORK = public, NETWORK_UNAME = oneadmin ]\n").id());
                } else if (what < 7) {
                    Caller to = users.get(random.nextInt(users.size()));
                    core.vms().chown(live.get(random.nextInt(live.size())), to.uid(), to.name(), -1, null);
                } else if (what < 8) {
                    int id = live.get(random.nextInt(live.size()));
                    if (core.vms().get(id).state() == VmState.PENDING) {
                        core.lifecycle().action("hold", id);
                    }
                } else {
                    core.lifecycle().action("finalize", live.remove(random.nextInt(live.size())));
                }
                if (live.size() >= 12) { // nobody reaches the CPU quota of 20
                    core.lifecycle().action("finalize", live.remove(0));
                }
            }
            assertUsageIsTheCountOverThePool(core, users);
        }
        try (Core core = Core.open(settings)) {
            assertUsageIsTheCountOverThePool(core, users);
        }
    }

    private static void assertUsageIsTheCountOverThePool(Core core, List<Caller> users) {
        for (Caller u : users) {
            double cpu = 0;
            double memory = 0;
            long vms = 0;
            for (VirtualMachine vm : core.vms().all()) {
                if (vm.uid() == u.uid() && vm.state() != VmState.DONE) {
                    cpu += vm.cpuRequested();
                    memory += vm.memoryRequestedMb();
                    vms++;
                }
            }
            assertEquals(u.name(), vms, core.vms().vmsOwnedBy(u.uid()));
            assertEquals(u.name(), cpu, core.vms().cpuUsedBy(u.uid()), 1e-9);
            assertEquals(u.name(), memory, core.vms().memoryUsedBy(u.uid()), 1e-9);
        }
    }
}
