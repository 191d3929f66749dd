package eu.stratuslab.oneproxy.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.xmlrpc.OneResult;
import org.junit.Rule;
import org.junit.Test;

/** Users and groups are managed by group 0 only (except own info/passwd); hosts need ADMIN/CREATE. */
public class UserGroupHostApiTest {
    @Rule
    public final ApiFixture api = ApiFixture.perTest();

    @Test
    public void adminManagesUsers() throws Exception {
        int carol = ApiFixture.id(api.admin("one.user.allocate", "carol", "secret", ""));
        assertEquals(2, carol);
        String doc = ApiFixture.xml(api.admin("one.user.info", carol));
        assertTrue(doc, doc.contains("<GID>1</GID><GNAME>users</GNAME><NAME>carol</NAME><PASSWORD>e5e9fa1ba31ecd1ae84f75caaa474f3a663f05f4</PASSWORD><AUTH_DRIVER>core</AUTH_DRIVER>"));
        assertNotNull(api.core.users().authenticateSession("carol:secret"));
        OneResult dup = api.admin("one.user.allocate", "carol", "x", "");
        assertEquals("[UserAllocate] Error allocating a new user. NAME is already taken by USER 2.", dup.value());
        assertEquals(ErrorCode.INTERNAL, dup.code());
        ApiFixture.id(api.admin("one.user.update", carol, "EMAIL=carol@example.org"));
        assertTrue(ApiFixture.xml(api.admin("one.user.info", carol)).contains("<TEMPLATE><EMAIL><![CDATA[carol@example.org]]></EMAIL></TEMPLATE>"));
        int staff = ApiFixture.id(api.admin("one.group.allocate", "staff"));
        ApiFixture.id(api.admin("one.user.chgrp", carol, staff));
        assertEquals("<GROUP><ID>100</ID><NAME>staff</NAME><USERS><ID>2</ID></USERS></GROUP>",
                ApiFixture.xml(api.admin("one.group.info", staff)));
        assertTrue(ApiFixture.xml(api.admin("one.grouppool.info")).startsWith(
                "<GROUP_POOL><GROUP><ID>0</ID><NAME>oneadmin</NAME><USERS><ID>0</ID><ID>1</ID></USERS></GROUP>"));
        OneResult busy = api.admin("one.group.delete", staff);
        assertEquals("[GroupDelete] Can not delete group. Group 100 is not empty.", busy.value());
        ApiFixture.id(api.admin("one.user.chauth", carol, "dummy", ""));
        assertEquals(null, api.core.users().authenticateSession("carol:secret"));
        ApiFixture.id(api.admin("one.user.delete", carol));
        ApiFixture.id(api.admin("one.group.delete", staff));
        assertEquals("[UserDelete] Can not delete user. oneadmin can not be deleted", api.admin("one.user.delete", 0).value());
        assertEquals("[UserInfo] Error getting user [2].", api.admin("one.user.info", 2).value());
    }

    @Test
    public void ordinaryUsersOnlySeeAndChangeThemselves() throws Exception {
        ApiFixture.id(api.admin("one.user.allocate", "dave", "old", "core"));
        int dave = api.core.users().byName("dave").id();
        assertTrue(ApiFixture.xml(api.rpc2("dave:old", "one.user.info", -1)).contains("<NAME>dave</NAME>"));
        assertEquals(dave, ApiFixture.id(api.rpc2("dave:old", "one.user.passwd", dave, "new")));
        assertTrue(ApiFixture.xml(api.rpc2("dave:new", "one.user.info", dave)).contains("<NAME>dave</NAME>"));
        refused(api.rpc2("dave:new", "one.user.info", 0), "UserInfo", "User [" + dave + "] : Not authorized to perform USE USER [0].");
        refused(api.rpc2("dave:new", "one.user.passwd", 0, "x"), "UserChangePassword",
                "User [" + dave + "] : Not authorized to perform MANAGE USER [0].");
        refused(api.rpc2("dave:new", "one.user.allocate", "eve", "x", ""), "UserAllocate",
                "User [" + dave + "] : Not authorized to perform CREATE USER [-1].");
        refused(api.rpc2("dave:new", "one.user.delete", dave), "UserDelete",
                "User [" + dave + "] : Not authorized to perform ADMIN USER [" + dave + "].");
        refused(api.rpc2("dave:new", "one.user.chgrp", dave, 0), "UserChangeGroup",
                "User [" + dave + "] : Not authorized to perform MANAGE USER [" + dave + "].");
        refused(api.rpc2("dave:new", "one.group.allocate", "mine"), "GroupAllocate",
                "User [" + dave + "] : Not authorized to perform CREATE GROUP [-1].");
        refused(api.rpc2("dave:new", "one.group.info", 0), "GroupInfo",
                "User [" + dave + "] : Not authorized to perform USE GROUP [0].");
        assertTrue(ApiFixture.xml(api.rpc2("dave:new", "one.group.info", -1)).startsWith("<GROUP><ID>1</ID><NAME>users</NAME>"));
        String users = ApiFixture.xml(api.rpc2("dave:new", "one.userpool.info"));
        assertTrue(users.startsWith("<USER_POOL><USER><ID>" + dave + "</ID>"));
        assertEquals(1, users.split("<USER>", -1).length - 1);
        assertEquals(1, ApiFixture.xml(api.rpc2("dave:new", "one.grouppool.info")).split("<GROUP>", -1).length - 1);
    }

    @Test
    public void hostAdministration() throws Exception {
        int h = ApiFixture.id(api.admin("one.host.allocate", "node1", "im_kvm", "vmm_kvm", "dummy", "tm_stratuslab", true));
        OneResult dup = api.admin("one.host.allocate", "node1", "im_kvm", "vmm_kvm", "dummy", "tm_stratuslab");
        assertEquals("[HostAllocate] Error allocating a new host. NAME is already taken by HOST 0.", dup.value());
        ApiFixture.id(api.admin("one.host.update", h, "CLUSTER=test\nLIBVIRT_URI=\"qemu:///system\""));
        assertTrue(ApiFixture.xml(api.admin("one.host.info", h)).contains("<TEMPLATE><CLUSTER><![CDATA[test]]></CLUSTER>"));
        ApiFixture.id(api.admin("one.host.enable", h, false));
        assertTrue(ApiFixture.xml(api.admin("one.host.info", h)).contains("<STATE>4</STATE>"));
        api.core.hosts().charge(h, 100, 1024);
        OneResult busy = api.admin("one.host.delete", h);
        assertEquals("[HostDelete] Can not delete host. Can not remove a host with running VMs", busy.value());
        assertEquals(ErrorCode.INTERNAL, busy.code());
        api.core.hosts().release(h, 100, 1024);
        assertEquals(h, ApiFixture.id(api.admin("one.host.delete", h)));
        assertEquals("<HOST_POOL></HOST_POOL>", ApiFixture.xml(api.admin("one.hostpool.info")));

        int h2 = ApiFixture.id(api.admin("one.host.allocate", "node2", "im_kvm", "vmm_kvm", "dummy", "tm_stratuslab"));
        api.as("alice", "one.user.info", -1);
        int alice = api.core.users().byName("alice").id();
        refused(api.as("alice", "one.host.allocate", "n3", "im_kvm", "vmm_kvm", "dummy", "tm_stratuslab"), "HostAllocate",
                "User [" + alice + "] : Not authorized to perform CREATE HOST [-1].");
        refused(api.as("alice", "one.host.delete", h2), "HostDelete",
                "User [" + alice + "] : Not authorized to perform ADMIN HOST [" + h2 + "].");
        refused(api.as("alice", "one.host.info", h2), "HostInfo",
                "User [" + alice + "] : Not authorized to perform USE HOST [" + h2 + "].");
        assertTrue(ApiFixture.xml(api.as("alice", "one.hostpool.info")).contains("<NAME>node2</NAME>"));
        OneResult parse = api.admin("one.host.update", h2, "A = [ B = 1");
        assertFalse(parse.success());
        assertTrue(String.valueOf(parse.value()), String.valueOf(parse.value()).startsWith("[HostUpdate] Cannot update template. Parse error: "));
    }

    private static void refused(OneResult r, String tag, String message) {
        assertFalse(r.success());
        assertEquals("[" + tag + "] " + message, r.value());
        assertEquals(ErrorCode.AUTHORIZATION, r.code());
    }
}
