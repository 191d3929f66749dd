package eu.stratuslab.oneproxy.api;

import static org.junit.Assert.assertEquals;

import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.host.HostMonitor;
import eu.stratuslab.template.VectorAttribute;
import eu.stratuslab.oneproxy.testsupport.GoldenResponses;
import java.util.List;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/**
 * The documents of users, groups, ACLs, hosts and networks, byte for byte against the responses of
 * a real OpenNebula 3.2.1 (golden/): same installation state, same /RPC2 calls as oneadmin.
 */
@RunWith(Parameterized.class)
public class GoldenDocumentsTest {
    private static ApiFixture api;

    /** The calls of the capture: the captured response, then the method and its parameters after the session. */
    @Parameters(name = "{index}: {0} <- {1}")
    public static List<Object[]> capturedCalls() {
        return List.of(
                capture("user.info-self", "one.user.info", -1),
                capture("user.info-self", "one.user.info", 0),
                capture("userpool.info", "one.userpool.info"),
                capture("group.info-users", "one.group.info", 1),
                capture("acl.info", "one.acl.info"),
                capture("host.info", "one.host.info", 0),
                capture("hostpool.info", "one.hostpool.info"),
                capture("vn.info-public", "one.vn.info", 0),
                capture("vnpool.info", "one.vnpool.info", -2, -1, -1),
                capture("vnpool.info", "one.vnpool.info", -2));
    }

    private static Object[] capture(String golden, String method, Object... params) {
        return new Object[] {golden, method, params};
    }

    @Parameter(0)
    public String golden;
    @Parameter(1)
    public String method;
    @Parameter(2)
    public Object[] params;

    @BeforeClass
    public static void installLikeTheGoldenCapture() throws Exception {
        api = new ApiFixture();
        // serveradmin's random password of the capture
        api.core.users().setStoredPassword(1, "962308144ba421834fe9df855e516e9e72ee1b54");
        int host = ApiFixture.id(api.admin("one.host.allocate", "dummyhost1", "im_dummy", "vmm_dummy", "dummy", "tm_dummy"));
        try (HostMonitor monitor = new HostMonitor(api.core.hosts(), api.core.drivers())) {
            monitor.probeOnce(host);
        }
        // two VMs of 1 CPU / 512 MB were running on the host
        api.core.hosts().charge(host, 100, 524288);
        api.core.hosts().charge(host, 100, 524288);
        int net = ApiFixture.id(api.admin("one.vn.allocate",
                "NAME = public\nTYPE = RANGED\nBRIDGE = br0\nNETWORK_ADDRESS = 10.10.0.0\nNETWORK_SIZE = C\n"));
        for (int vm = 0; vm < 2; vm++) {
            VectorAttribute nic = new VectorAttribute("NIC");
            nic.put("NETWORK", "public");
            nic.put("NETWORK_UNAME", "oneadmin");
            api.core.networks().lease(Caller.ONEADMIN, nic, vm);
        }
        assertEquals(0, net);
    }

    @AfterClass
    public static void close() {
        api.close();
    }

    @Test
    public void answersAsCaptured() throws Exception {
        GoldenResponses.assertMatches(golden, api.admin(method, params));
    }
}
