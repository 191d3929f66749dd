package eu.stratuslab.oneproxy.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.xmlrpc.OneResult;
import org.junit.Rule;
import org.junit.Test;

/** one.acl.* as the OpenNebula 3.2 OCA suites use them: 2 rules, then 3, hexadecimal strings. */
public class AclApiTest {
    @Rule
    public final ApiFixture api = ApiFixture.perTest();

    @Test
    public void addInfoDelete() throws Exception {
        assertEquals(2, count(ApiFixture.xml(api.admin("one.acl.info"))));
        int id = ApiFixture.id(api.admin("one.acl.addrule", "0x100000002", "0x4400000000", "1"));
        assertEquals(2, id);
        String doc = ApiFixture.xml(api.admin("one.acl.info"));
        assertEquals(3, count(doc));
        assertTrue(doc.contains("<ACL><ID>2</ID><USER>100000002</USER><RESOURCE>4400000000</RESOURCE><RIGHTS>1</RIGHTS>"
                + "<STRING>#2 NET/* USE</STRING></ACL>"));
        assertEquals(3, ApiFixture.id(api.admin("one.acl.addrule", "400000000", "2D400000000", "0X3")));
        assertEquals(id, ApiFixture.id(api.admin("one.acl.delrule", id)));
        assertEquals(3, count(ApiFixture.xml(api.admin("one.acl.info"))));
        OneResult again = api.admin("one.acl.delrule", id);
        assertFalse(again.success());
        assertEquals("[AclDelRule] Error deleting rule: Rule does not exist", again.value());
    }

    @Test
    public void badValuesAndNonAdmins() throws Exception {
        OneResult notHex = api.admin("one.acl.addrule", "@1", "0x4400000000", "1");
        assertEquals("[AclAddRule] Error adding rule: [user] @1 is not a hexadecimal number", notHex.value());
        assertEquals(ErrorCode.INTERNAL, notHex.code());
        OneResult dup = api.admin("one.acl.addrule", "200000001", "2400000000", "2");
        assertEquals("[AclAddRule] Error adding rule: Rule already exists", dup.value());
        OneResult user = api.as("alice", "one.acl.addrule", "400000000", "2400000000", "1");
        int alice = api.core.users().byName("alice").id();
        assertEquals("[AclAddRule] User [" + alice + "] : Not authorized to perform MANAGE ACL [-1].", user.value());
        assertEquals(ErrorCode.AUTHORIZATION, user.code());
        assertEquals(ErrorCode.AUTHORIZATION, api.as("alice", "one.acl.info").code());
        assertEquals(ErrorCode.AUTHORIZATION, api.as("alice", "one.acl.delrule", 0).code());
        assertEquals(2, api.core.acls().rules().size());
    }

    private static int count(String doc) {
        return doc.split("<ACL>", -1).length - 1;
    }
}
