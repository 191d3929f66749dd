package eu.stratuslab.oneproxy.api.vm;

import static eu.stratuslab.oneproxy.testsupport.GoldenResponses.assertMatches;
import static org.junit.Assert.assertEquals;

import org.junit.Rule;
import org.junit.Test;

/**
 * Replays the requests behind the golden captures on /RPC2 (xmlrpc-api.md, golden/README.md) and
 * compares the complete XML-RPC response bodies byte for byte with what OpenNebula 3.2.1 sent.
 */
public class VmGoldenResponseTest {
    @Rule
    public final VmApiFixture fx = new VmApiFixture(1_795_452_687L);

    @Test
    public void legacySequenceAnswersExactlyLikeOned() throws Exception {
        assertEquals(Integer.valueOf(0), fx.admin("one.vm.allocate", VmApiFixture.LEGACY_DEFAULT).value());
        fx.clock.set(1_795_452_704L);
        assertEquals(Integer.valueOf(0), fx.admin("one.vm.deploy", 0, 0).value());

        fx.clock.set(1_795_452_706L);
        assertMatches("vm.allocate-legacy-default", fx.admin("one.vm.allocate", VmApiFixture.LEGACY_DEFAULT));
        assertMatches("vm.info-pending", fx.admin("one.vm.info", 1));
        assertMatches("error-vm.action-wrong-state", fx.admin("one.vm.action", "release", 1));

        fx.clock.set(1_795_452_707L);
        assertEquals(Integer.valueOf(1), fx.admin("one.vm.deploy", 1, 0).value());
        assertMatches("vm.info-running", fx.admin("one.vm.info", 1));
        assertMatches("vmpool.info-mine", fx.admin("one.vmpool.info", -3, -1, -1, -1));
        assertMatches("vm.action-shutdown", fx.admin("one.vm.action", "shutdown", 1));
        assertMatches("vm.info-done", fx.admin("one.vm.info", 1));
        assertMatches("vmpool.info-all-incl-done", fx.admin("one.vmpool.info", -2, -1, -1, -2));
    }

    @Test
    public void errorsAnswerExactlyLikeOned() throws Exception {
        assertMatches("error-vm.info-missing", fx.admin("one.vm.info", 424242));
        assertMatches("error-vmpool.info-bad-filter", fx.admin("one.vmpool.info", -9, -1, -1, -1));
        assertMatches("error-allocate-parse", fx.admin("one.vm.allocate", "CPU = 1\nDISK = [ source = \"/tmp/x.qcow2"));
        assertMatches("error-bad-password", fx.rpc2("oneadmin:wrong", "one.vm.info", 0));
    }
}
