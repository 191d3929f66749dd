package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import eu.stratuslab.xmlrpc.XmlRpcClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.client.XmlRpcHttpTransportException;
import org.junit.Before;
import org.junit.Test;

/**
 * Issue 12 item 6, authn.md §11: a one-proxy started by the launcher with {@code proxy.mode =
 * forward} in front of a second, real cloud in its own JVM whose {@code /RPC2} stands in for the
 * external oned. Users authenticate at the forwarding proxy (its own password file) and their calls,
 * made with the Apache XML-RPC client, reach the back cloud under their account name; bad
 * credentials stop at the proxy; a back end that is gone is fault -504. Timeouts, HTTP errors and
 * malformed answers are covered at the seam by {@code ForwardingProxyTest} (one-proxy module).
 */
public class ForwardModeTest extends OnACloudSite {
    private static final String FORTY_A = "a".repeat(40);
    private static final String JOHN = "john.doe@example.org";
    private static final String JOHN_ACCOUNT = "john.doe%40example.org";

    private CloudJvm back;
    private String backAdminSession;
    private XmlRpcClient backRpc2;
    private URI frontEndpoint;

    @Before
    public void backCloudAndForwardingProxy() throws Exception {
        back = site.closeAtEnd(new CloudJvm(site.newFolder("back"), ""));
        back.start(null);
        String backAdminPassword = CloudSite.password(back.home, "oneadmin");
        backAdminSession = "oneadmin:" + backAdminPassword;
        backRpc2 = new XmlRpcClient(URI.create(back.endpoint("rpc2")));
        // The external oned's side of §11: accounts the proxy's sessions authenticate as. (A real
        // oned's dummy driver creates them on first use; our /RPC2 refuses dummy accounts, §12.)
        List<?> created = (List<?>) backRpc2.call("one.user.allocate", backAdminSession, JOHN_ACCOUNT, FORTY_A, "core");
        assertEquals(created.toString(), Boolean.TRUE, created.get(0));

        Path home = site.home("front", "proxy.mode = forward\n"
                + "proxy.forward.url = " + back.endpoint("rpc2") + "\n"
                + "proxy.forward.connect_timeout_ms = 5000\nproxy.forward.read_timeout_ms = 60000\n"
                + "proxy.port = 0\nproxy.tls = false\nrpc2.port = 0\npdisk.port = 0\nmarketplace.port = 0\n");
        // oneadmin's password is passed on as it is (§11), so it is the same on both sides
        Files.writeString(home.resolve("credentials.txt"), "oneadmin:" + backAdminPassword + "\n");
        CloudLauncher front = site.start(home);
        Files.writeString(home.resolve("etc/stratuslab/authn/login-pswd.properties"),
                JOHN + "=johns-pw,cloud-access\n", StandardOpenOption.APPEND);
        frontEndpoint = URI.create(front.endpoints().get("one-proxy"));
    }

    private org.apache.xmlrpc.client.XmlRpcClient apache(String user, String password) throws Exception {
        return ApacheXmlRpc.client(frontEndpoint.toString(), user, password, 120_000);
    }

    private static Object ok(org.apache.xmlrpc.client.XmlRpcClient client, String method, Object... params)
            throws Exception {
        Object[] r = (Object[]) client.execute(method, params);
        assertEquals(method + ": " + java.util.Arrays.toString(r), Boolean.TRUE, r[0]);
        return r[1];
    }

    private int backVmCount() throws Exception {
        List<?> r = (List<?>) backRpc2.call("one.vmpool.info", backAdminSession, -2, -1, -1, -1);
        return ((String) r.get(1)).split("<VM>", -1).length - 1;
    }

    @Test
    public void callsReachTheBackCloudAsTheAuthenticatedUsersAccount() throws Exception {
        org.apache.xmlrpc.client.XmlRpcClient john = apache(JOHN, "johns-pw");
        int id = (Integer) ok(john, "one.vm.allocate", "the client's session is not used",
                "NAME = fwd\nMEMORY = 64\nNIC = [ NETWORK = \"public\", NETWORK_UNAME = \"oneadmin\" ]");

        String info = (String) ok(john, "one.vm.info", "x", id);
        assertTrue(info, info.contains("<UNAME>" + JOHN_ACCOUNT + "</UNAME>"));
        String pool = (String) ok(john, "one.vmpool.info", "x", -3, -1, -1, -1);
        assertTrue(pool, pool.contains("<ID>" + id + "</ID>"));
        // seen from the back cloud itself: the VM is there, owned by the forwarded account
        List<?> atBack = (List<?>) backRpc2.call("one.vm.info", backAdminSession, id);
        assertTrue(atBack.toString(), ((String) atBack.get(1)).contains("<UNAME>" + JOHN_ACCOUNT + "</UNAME>"));

        // oneadmin's own password goes on: the back cloud's user pool, which only oneadmin may read whole
        Path front = site.root().resolve("front");
        String users = (String) ok(apache("oneadmin", CloudSite.password(front, "oneadmin")), "one.userpool.info", "x");
        assertTrue(users, users.contains("<NAME>" + JOHN_ACCOUNT + "</NAME>"));

        // the front's demo user is authenticated here, but the back decides on the session it gets
        Object[] demo = (Object[]) apache(CloudLauncher.DEMO_USER,
                CloudSite.password(front, CloudLauncher.DEMO_USER))
                .execute("one.vmpool.info", new Object[] {"x", -3, -1, -1, -1});
        assertEquals(Boolean.FALSE, demo[0]);
        assertEquals(256, demo[2]);
    }

    @Test
    public void badCredentialsAreRefusedByTheProxyWithoutReachingTheBack() throws Exception {
        int before = backVmCount();
        try {
            apache(JOHN, "not-johns-pw").execute("one.vm.allocate",
                    new Object[] {JOHN_ACCOUNT + ":" + FORTY_A, "MEMORY = 64\nNIC = [ NETWORK = \"public\", NETWORK_UNAME = \"oneadmin\" ]"});
            fail("a wrong password was forwarded");
        } catch (XmlRpcHttpTransportException e) {
            assertEquals(401, e.getStatusCode());
        }
        assertEquals(before, backVmCount());
    }

    @Test
    public void aBackCloudThatIsGoneIsABackendError() throws Exception {
        org.apache.xmlrpc.client.XmlRpcClient john = apache(JOHN, "johns-pw");
        ok(john, "one.vmpool.info", "x", -3, -1, -1, -1);
        back.kill();
        try {
            john.execute("one.vmpool.info", new Object[] {"x", -3, -1, -1, -1});
            fail("no error without the back cloud");
        } catch (XmlRpcException e) {
            assertEquals(-504, e.code);
            assertTrue(e.getMessage(), e.getMessage().startsWith("Backend error: "));
        }
    }
}
