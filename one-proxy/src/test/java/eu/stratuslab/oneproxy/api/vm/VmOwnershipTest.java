package eu.stratuslab.oneproxy.api.vm;

import static eu.stratuslab.oneproxy.api.vm.VmApiFixture.assertNotAuthorized;
import static eu.stratuslab.oneproxy.api.vm.VmApiFixture.ok;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.vm.VmState;
import eu.stratuslab.xmlrpc.OneResult;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/**
 * Users of group {@code users} on the proxied path: each sees and manages only their own VMs
 * through every VM method, and the pool filters of xmlrpc-api.md §5 list accordingly.
 */
public class VmOwnershipTest {
    @Rule
    public final VmApiFixture fx = new VmApiFixture(1_700_000_000L);
    private int aliceVm;
    private int alice;
    private int bob;

    @Before
    public void open() throws Exception {
        aliceVm = (Integer) ok(fx.as("alice", "one.vm.allocate", VmApiFixture.LEGACY_DEFAULT));
        bob = fx.userWithAccount("bob");
        alice = fx.core().users().byName("alice").id();
    }

    private void assertRefused(String tag, String op, OneResult r) {
        assertNotAuthorized("[" + tag + "] User [" + bob + "] : Not authorized to perform " + op + " VM [" + aliceVm + "].", r);
    }

    private static boolean lists(OneResult pool, int vmId) {
        return pool.value().toString().contains("<VM><ID>" + vmId + "</ID>"); // an XmlRpcText: the text a client reads
    }

    @Test
    public void anotherUserCanNeitherSeeNorTouchTheVm() throws Exception {
        assertRefused("VirtualMachineInfo", "USE", fx.as("bob", "one.vm.info", aliceVm));
        for (String action : new String[] {"shutdown", "finalize", "hold", "cancel", "resubmit"}) {
            assertRefused("VirtualMachineAction", "MANAGE", fx.as("bob", "one.vm.action", action, aliceVm));
        }
        assertRefused("VirtualMachineDeploy", "ADMIN", fx.as("bob", "one.vm.deploy", aliceVm, 0));
        assertRefused("VirtualMachineMigrate", "ADMIN", fx.as("bob", "one.vm.migrate", aliceVm, 0, true));
        assertRefused("VirtualMachineChown", "ADMIN", fx.as("bob", "one.vm.chown", aliceVm, bob, -1));
        assertRefused("VirtualMachineChmod", "MANAGE", fx.as("bob", "one.vm.chmod", aliceVm, 1, 1, 1, 1, 1, 1, 1, 1, 1));
        assertRefused("VirtualMachineSaveDisk", "MANAGE", fx.as("bob", "one.vm.savedisk", aliceVm, 0, "stolen", ""));
        for (int filter : new int[] {-3, -2, -1, alice}) {
            assertFalse("filter " + filter, lists(fx.as("bob", "one.vmpool.info", filter, -1, -1, -2), aliceVm));
        }
        assertEquals(VmState.PENDING, fx.core().vms().get(aliceVm).state());
        assertEquals(alice, fx.core().vms().get(aliceVm).uid());
    }

    @Test
    public void theOwnerSeesAndManagesButCannotDeploy() throws Exception {
        assertTrue(((String) ok(fx.as("alice", "one.vm.info", aliceVm))).startsWith("<VM><ID>" + aliceVm + "</ID>"));
        for (int filter : new int[] {-3, -2, -1, alice}) {
            assertTrue("filter " + filter, lists(fx.as("alice", "one.vmpool.info", filter, -1, -1, -1), aliceVm));
        }
        OneResult deploy = fx.as("alice", "one.vm.deploy", aliceVm, 0);
        assertEquals(ErrorCode.AUTHORIZATION, deploy.code());
        assertEquals(aliceVm, ok(fx.as("alice", "one.vm.action", "hold", aliceVm)));
        assertEquals(VmState.HOLD, fx.core().vms().get(aliceVm).state());
        // changing an ADMIN bit needs ADMIN
        assertEquals(ErrorCode.AUTHORIZATION, fx.as("alice", "one.vm.chmod", aliceVm, -1, -1, 1, -1, -1, -1, -1, -1, -1).code());
    }

    @Test
    public void groupUseBitSharesTheVmWithTheGroupOnly() throws Exception {
        ok(fx.as("alice", "one.vm.chmod", aliceVm, -1, -1, -1, 1, -1, -1, -1, -1, -1));
        assertTrue(lists(fx.as("bob", "one.vmpool.info", -1, -1, -1, -1), aliceVm));
        assertTrue(lists(fx.as("bob", "one.vmpool.info", -2, -1, -1, -1), aliceVm));
        assertTrue(lists(fx.as("bob", "one.vmpool.info", alice, -1, -1, -1), aliceVm));
        assertFalse(lists(fx.as("bob", "one.vmpool.info", -3, -1, -1, -1), aliceVm));
        assertTrue(ok(fx.as("bob", "one.vm.info", aliceVm)) instanceof String);
        assertRefused("VirtualMachineAction", "MANAGE", fx.as("bob", "one.vm.action", "shutdown", aliceVm));
    }

    @Test
    public void poolFiltersRangesAndStates() throws Exception {
        int second = (Integer) ok(fx.as("alice", "one.vm.allocate", VmApiFixture.LEGACY_DEFAULT));
        ok(fx.admin("one.vm.deploy", second, 0));
        ok(fx.as("alice", "one.vm.action", "shutdown", second));
        // missing trailing ints default to -1: DONE VMs hidden
        assertTrue(lists(fx.as("alice", "one.vmpool.info"), aliceVm));
        assertFalse(lists(fx.as("alice", "one.vmpool.info", -3), second));
        assertTrue(lists(fx.as("alice", "one.vmpool.info", -3, -1, -1, -2), second));
        assertTrue(lists(fx.as("alice", "one.vmpool.info", -3, -1, -1, 6), second));
        assertFalse(lists(fx.as("alice", "one.vmpool.info", -3, -1, -1, 6), aliceVm));
        assertTrue(lists(fx.as("alice", "one.vmpool.info", -3, -1, -1, 1), aliceVm));
        // range: start only, start and end; end alone is ignored as in oned
        assertFalse(lists(fx.as("alice", "one.vmpool.info", -3, second, -1, -2), aliceVm));
        assertTrue(lists(fx.as("alice", "one.vmpool.info", -3, aliceVm, aliceVm, -2), aliceVm));
        assertFalse(lists(fx.as("alice", "one.vmpool.info", -3, aliceVm, aliceVm, -2), second));
        assertTrue(lists(fx.as("alice", "one.vmpool.info", -3, -1, aliceVm, -2), second));
        // bad values
        OneResult bad = fx.as("alice", "one.vmpool.info", -3, -1, -1, 8);
        assertEquals(ErrorCode.XML_RPC_API, bad.code());
        assertEquals("[VirtualMachinePoolInfo] Incorrect filter_flag, state", bad.value());
        bad = fx.as("alice", "one.vmpool.info", -4, -1, -1, -1);
        assertEquals("[VirtualMachinePoolInfo] Incorrect filter_flag", bad.value());
        // oneadmin sees everything with -2
        assertTrue(lists(fx.admin("one.vmpool.info", -2, -1, -1, -1), aliceVm));
        assertFalse(lists(fx.admin("one.vmpool.info", -3, -1, -1, -1), aliceVm));
    }

    @Test
    public void chownAndSaveDiskByTheAdministrator() throws Exception {
        assertEquals(aliceVm, ok(fx.admin("one.vm.chown", aliceVm, bob, -1)));
        String doc = (String) ok(fx.as("bob", "one.vm.info", aliceVm));
        assertTrue(doc, doc.contains("<UNAME>bob</UNAME>"));
        assertRefusedTo("alice", fx.as("alice", "one.vm.info", aliceVm));
        OneResult missingUser = fx.admin("one.vm.chown", aliceVm, 4242, -1);
        assertEquals(ErrorCode.NO_EXISTS, missingUser.code());

        int image = (Integer) ok(fx.as("bob", "one.vm.savedisk", aliceVm, 0, "saved-root", ""));
        assertTrue(fx.core().vms().get(aliceVm).infoXml().contains("<SAVE_AS><![CDATA[" + image + "]]></SAVE_AS>"));
        OneResult again = fx.as("bob", "one.vm.savedisk", aliceVm, 0, "saved-again", "");
        assertEquals(ErrorCode.INTERNAL, again.code());
        assertEquals("[VirtualMachineSaveDisk] Can not save_as disk", again.value());
    }

    private static void assertRefusedTo(String who, OneResult r) {
        assertEquals(who + " should be refused", ErrorCode.AUTHORIZATION, r.code());
    }
}
