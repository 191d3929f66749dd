package eu.stratuslab.oneproxy.api;

import static org.junit.Assert.assertEquals;

import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.host.HostMonitor;
import eu.stratuslab.template.VectorAttribute;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.XmlRpcCodec;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The documents of users, groups, ACLs, hosts and networks, byte for byte against the responses of
 * a real OpenNebula 3.2.1 (golden/): same installation state, same /RPC2 calls as oneadmin.
 */
public class GoldenDocumentsTest {
    private static ApiFixture api;

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
    public void userInfoSelf() throws Exception {
        assertGolden("user.info-self", api.admin("one.user.info", -1));
        assertGolden("user.info-self", api.admin("one.user.info", 0));
    }

    @Test
    public void userPoolInfo() throws Exception {
        assertGolden("userpool.info", api.admin("one.userpool.info"));
    }

    @Test
    public void groupInfoUsers() throws Exception {
        assertGolden("group.info-users", api.admin("one.group.info", 1));
    }

    @Test
    public void aclInfo() throws Exception {
        assertGolden("acl.info", api.admin("one.acl.info"));
    }

    @Test
    public void hostInfo() throws Exception {
        assertGolden("host.info", api.admin("one.host.info", 0));
    }

    @Test
    public void hostPoolInfo() throws Exception {
        assertGolden("hostpool.info", api.admin("one.hostpool.info"));
    }

    @Test
    public void vnInfoPublic() throws Exception {
        assertGolden("vn.info-public", api.admin("one.vn.info", 0));
    }

    @Test
    public void vnPoolInfo() throws Exception {
        assertGolden("vnpool.info", api.admin("one.vnpool.info", -2, -1, -1));
        assertGolden("vnpool.info", api.admin("one.vnpool.info", -2));
    }

    private static void assertGolden(String name, OneResult result) throws Exception {
        String expected;
        try (InputStream in = GoldenDocumentsTest.class.getResourceAsStream("/golden/" + name + ".response.xml")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(name, expected, new String(XmlRpcCodec.encodeResult(result), StandardCharsets.UTF_8));
    }
}
