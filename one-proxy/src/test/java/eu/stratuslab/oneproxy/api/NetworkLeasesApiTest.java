package eu.stratuslab.oneproxy.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.xmlrpc.OneResult;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/** one.vn.hold / one.vn.release refuse what oned 3.2.1 refuses, in its request error format. */
public class NetworkLeasesApiTest {
    @Rule
    public final ApiFixture api = ApiFixture.perTest();
    private int ranged;
    private int fixed;

    @Before
    public void networks() throws Exception {
        ranged = ApiFixture.id(api.admin("one.vn.allocate",
                "NAME=public\nTYPE=RANGED\nBRIDGE=br0\nNETWORK_ADDRESS=10.0.0.0\nNETWORK_SIZE=C\nGATEWAY=10.0.0.1\n"));
        fixed = ApiFixture.id(api.admin("one.vn.allocate",
                "NAME=fixed\nTYPE=FIXED\nBRIDGE=br0\nLEASES=[IP=10.2.0.1]\nLEASES=[IP=10.2.0.2]\n"));
    }

    @Test
    public void releasingALeaseThatIsNotOnHoldFails() throws Exception {
        notOnHold(api.admin("one.vn.release", ranged, "LEASES=[IP=10.0.0.7]"));
        notOnHold(api.admin("one.vn.release", fixed, "LEASES=[IP=10.2.0.1]"));

        int vm = ApiFixture.id(api.admin("one.vm.allocate", "NAME=vm\nCPU=1\nMEMORY=64\nNIC=[NETWORK_ID=" + ranged + "]\n"));
        String vmDoc = ApiFixture.xml(api.admin("one.vm.info", vm));
        assertFalse("the gateway is never leased", vmDoc.contains("10.0.0.1]]"));
        String ip = vmDoc.replaceAll("(?s).*<IP><!\\[CDATA\\[([0-9.]+)]]></IP>.*", "$1");
        assertEquals("10.0.0.2", ip);
        notOnHold(api.admin("one.vn.release", ranged, "LEASES=[IP=" + ip + "]"));
        inUse(api.admin("one.vn.hold", ranged, "LEASES=[IP=" + ip + "]"));

        assertEquals(ranged, ApiFixture.id(api.admin("one.vn.hold", ranged, "LEASES=[IP=10.0.0.9]")));
        inUse(api.admin("one.vn.hold", ranged, "LEASES=[IP=10.0.0.9]"));
        assertEquals(ranged, ApiFixture.id(api.admin("one.vn.release", ranged, "LEASES=[IP=10.0.0.9]")));
        notOnHold(api.admin("one.vn.release", ranged, "LEASES=[IP=10.0.0.9]"));
    }

    private static void notOnHold(OneResult r) {
        assertEquals(new OneResult(false, "[VirtualNetworkRelease] Error modifying network leases. Lease is not on hold.",
                ErrorCode.INTERNAL).toString(), r.toString());
    }

    private static void inUse(OneResult r) {
        assertEquals(new OneResult(false, "[VirtualNetworkHold] Error modifying network leases. Lease is in use.",
                ErrorCode.INTERNAL).toString(), r.toString());
    }
}
