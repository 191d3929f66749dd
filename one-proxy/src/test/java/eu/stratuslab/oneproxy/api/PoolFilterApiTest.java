package eu.stratuslab.oneproxy.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.XmlRpcFault;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/** Pool filters of one.vnpool.info / imagepool / templatepool (xmlrpc-api.md §5, §3.2). */
public class PoolFilterApiTest {
    private static final Pattern ID = Pattern.compile("<VNET><ID>(\\d+)</ID>");
    @Rule
    public final ApiFixture api = ApiFixture.perTest();
    private int alice;

    @Before
    public void networks() throws Exception {
        // 0: oneadmin's, shared with everybody; 1: oneadmin's private; 2, 3: alice's (3 shared with her group)
        ApiFixture.id(api.admin("one.vn.allocate", net("public")));
        ApiFixture.id(api.admin("one.vn.chmod", 0, -1, -1, -1, -1, -1, -1, 1, -1, -1));
        ApiFixture.id(api.admin("one.vn.allocate", net("admin-only")));
        ApiFixture.id(api.as("alice", "one.vn.allocate", net("a1")));
        ApiFixture.id(api.as("alice", "one.vn.allocate", net("a2")));
        ApiFixture.id(api.as("alice", "one.vn.chmod", 3, -1, -1, -1, 1, -1, -1, -1, -1, -1));
        alice = api.core.users().byName("alice").id();
        api.as("bob", "one.user.info", -1);
    }

    private static String net(String name) {
        return "NAME=" + name + "\nTYPE=RANGED\nBRIDGE=br0\nNETWORK_ADDRESS=10.0.0.0\n";
    }

    @Test
    public void filterFlags() throws Exception {
        assertEquals(List.of(2, 3), ids(api.as("alice", "one.vnpool.info", -3, -1, -1)));
        assertEquals(List.of(0, 2, 3), ids(api.as("alice", "one.vnpool.info", -2, -1, -1)));
        assertEquals(List.of(2, 3), ids(api.as("alice", "one.vnpool.info", -1, -1, -1)));
        assertEquals("bob sees alice's group-shared network with -1", List.of(3), ids(api.as("bob", "one.vnpool.info", -1, -1, -1)));
        assertEquals(List.of(0, 3), ids(api.as("bob", "one.vnpool.info", -2, -1, -1)));
        assertEquals(List.of(3), ids(api.as("bob", "one.vnpool.info", alice, -1, -1)));
        assertEquals(List.of(0, 1, 2, 3), ids(api.admin("one.vnpool.info", -2, -1, -1)));
        assertEquals(List.of(0, 1), ids(api.admin("one.vnpool.info", 0, -1, -1)));
        assertEquals(List.of(2, 3), ids(api.admin("one.vnpool.info", alice, -1, -1)));
        assertEquals(List.of(), ids(api.admin("one.vnpool.info", 4242, -1, -1)));
    }

    @Test
    public void idRangeAndMissingParameters() throws Exception {
        assertEquals(List.of(1, 2, 3), ids(api.admin("one.vnpool.info", -2, 1, -1)));
        assertEquals(List.of(1, 2), ids(api.admin("one.vnpool.info", -2, 1, 2)));
        assertEquals("endId alone is no bound", List.of(0, 1, 2, 3), ids(api.admin("one.vnpool.info", -2, -1, 1)));
        assertEquals(List.of(1, 2, 3), ids(api.admin("one.vnpool.info", -2, 1)));
        assertEquals(List.of(0, 2, 3), ids(api.as("alice", "one.vnpool.info", -2)));
        assertEquals("no filter at all is -1", List.of(2, 3), ids(api.as("alice", "one.vnpool.info")));
        assertEquals("<IMAGE_POOL></IMAGE_POOL>", ApiFixture.xml(api.admin("one.imagepool.info")));
        assertEquals("<VMTEMPLATE_POOL></VMTEMPLATE_POOL>", ApiFixture.xml(api.admin("one.templatepool.info", -2)));
    }

    @Test
    public void badFilterIsAnApiError() throws Exception {
        for (String method : new String[] {"one.vnpool.info", "one.imagepool.info", "one.templatepool.info"}) {
            OneResult r = api.admin(method, -4, -1, -1);
            assertFalse(r.success());
            assertEquals(ErrorCode.XML_RPC_API, r.code());
        }
        assertEquals("[VirtualNetworkPoolInfo] Incorrect filter_flag", api.admin("one.vnpool.info", -4, -1, -1).value());
        assertEquals("[ImagePoolInfo] Incorrect filter_flag", api.admin("one.imagepool.info", -9).value());
        assertEquals("[TemplatePoolInfo] Incorrect filter_flag", api.admin("one.templatepool.info", -100, 0, 0).value());
    }

    @Test(expected = XmlRpcFault.class)
    public void aStringFilterIsATypeFault() throws Exception {
        api.admin("one.vnpool.info", "-2");
    }

    private static List<Integer> ids(OneResult r) {
        Matcher m = ID.matcher(ApiFixture.xml(r));
        List<Integer> out = new ArrayList<>();
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }
}
