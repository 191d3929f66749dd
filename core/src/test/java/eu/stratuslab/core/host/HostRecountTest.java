package eu.stratuslab.core.host;

import static org.junit.Assert.assertEquals;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.infra.db.DbSettings;
import eu.stratuslab.core.testsupport.CoreFixture;
import eu.stratuslab.core.vm.LcmState;
import eu.stratuslab.core.vm.VmState;
import eu.stratuslab.template.TemplateParser;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Charging a host and storing the VM are two writes; a crash between them leaves a counter off by
 * one VM. A restart recounts the counters from the VMs.
 */
public class HostRecountTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void countersAreRecountedFromTheVmsOnStart() throws Exception {
        DbSettings db = DbSettings.h2File(tmp.getRoot().toPath(), "one");
        int hid;
        try (Core core = CoreFixture.open(db)) {
            hid = core.hosts().allocate("node", "im_dummy", "vmm_dummy", "dummy", "tm_dummy");
            core.networks().allocate(Caller.ONEADMIN, TemplateParser.parse(
                    "NAME=public\nTYPE=RANGED\nBRIDGE=br0\nNETWORK_ADDRESS=10.10.0.0\nNETWORK_SIZE=C\n"));
            int vm = core.vms().allocate(Caller.ONEADMIN,
                    "CPU = 2\nMEMORY = 512\nNIC = [ NETWORK = \"public\", NETWORK_UNAME = \"oneadmin\" ]").id();
            core.lifecycle().deploy(vm, hid); // dummy drivers: RUNNING at once, host charged
            assertEquals(LcmState.RUNNING, core.vms().get(vm).lcmState());
            // what a crash after "charge" and before "store the VM" leaves behind: a charge without a VM
            core.hosts().charge(hid, 100, 1024);
            assertEquals(2, core.hosts().get(hid).share().runningVms());
        }
        try (Core core = CoreFixture.open(db)) {
            HostShare share = core.hosts().get(hid).share();
            assertEquals(1, share.runningVms());
            assertEquals(200, share.cpuUsage());
            assertEquals(512 * 1024, share.memUsage());
            assertEquals(VmState.ACTIVE, core.vms().get(0).state());
        }
    }
}
