package eu.stratuslab.oneproxy.api.vm;

import static eu.stratuslab.oneproxy.api.vm.VmApiFixture.ok;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.PoolFilter;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmPoolFilter;
import eu.stratuslab.xmlrpc.XmlRpcText;
import java.util.function.Function;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/**
 * {@code one.vmpool.info} is answered in the VMs' cached encoded entries (issue 14 item 7): the
 * text is the pool's document, and a listing encodes only the VMs that changed since the last one.
 */
public class VmPoolListingTest {
    @Rule
    public final VmApiFixture fx = new VmApiFixture(1_700_000_000L);

    @Before
    public void open() throws Exception {
        for (int i = 0; i < 3; i++) {
            ok(fx.admin("one.vm.allocate", VmApiFixture.LEGACY_DEFAULT));
        }
    }

    private static final Function<String, XmlRpcText> NOT_AGAIN = xml -> {
        throw new AssertionError("a listed VM was encoded again");
    };

    @Test
    public void theListingIsThePoolDocumentMadeOfEachVmsCachedEntry() throws Exception {
        Object listed = ok(fx.admin("one.vmpool.info", -2, -1, -1, -1));
        assertTrue(listed instanceof XmlRpcText);
        assertEquals(fx.core().vms().poolDocument(Caller.ONEADMIN, VmPoolFilter.of(-2, -1, -1, -1)), listed.toString());
        XmlRpcText first = fx.core().vms().get(1).poolEntry(XmlRpcText.class, NOT_AGAIN);
        ok(fx.admin("one.vmpool.info", -2, -1, -1, -1));
        assertSame(first, fx.core().vms().get(1).poolEntry(XmlRpcText.class, NOT_AGAIN));
    }

    @Test
    public void aChangedVmIsEncodedAgainAndListedAsItIsNow() throws Exception {
        ok(fx.admin("one.vmpool.info", -2, -1, -1, -1));
        VirtualMachine before = fx.core().vms().get(1);
        XmlRpcText old = before.poolEntry(XmlRpcText.class, NOT_AGAIN);
        ok(fx.admin("one.vm.action", "hold", 1));
        Object listed = ok(fx.admin("one.vmpool.info", -2, -1, -1, -1));
        VirtualMachine after = fx.core().vms().get(1);
        assertNotSame(old, after.poolEntry(XmlRpcText.class, NOT_AGAIN));
        assertTrue(listed.toString().contains(after.poolXml()));
        assertEquals(fx.core().vms().poolDocument(Caller.ONEADMIN, VmPoolFilter.of(PoolFilter.ALL, -1, -1, -1)),
                listed.toString());
    }
}
