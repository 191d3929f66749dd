package eu.stratuslab.core.acl;

import static eu.stratuslab.core.testsupport.OneErrors.expect;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.core.testsupport.CoreOnEachDatabase;
import org.junit.Test;

public class AclPoolTest extends CoreOnEachDatabase {
    @Test
    public void defaultRulesLetGroupUsersCreateVmsAndManageHosts() {
        AclPool acls = core.acls();
        assertTrue(acls.allows(5, 1, ObjectType.VM, -1, 1, Right.CREATE));
        assertTrue(acls.allows(5, 1, ObjectType.TEMPLATE, -1, 1, Right.CREATE));
        assertFalse(acls.allows(5, 1, ObjectType.HOST, -1, 1, Right.CREATE));
        assertFalse(acls.allows(5, 1, ObjectType.VM, 3, 1, Right.USE));
        assertTrue(acls.allows(5, 1, ObjectType.HOST, 0, -1, Right.MANAGE));
        assertFalse(acls.allows(5, 100, ObjectType.VM, -1, 100, Right.CREATE));
    }

    @Test
    public void individualAndGroupSelectors() throws Exception {
        AclPool acls = core.acls();
        int id = acls.addRule(AclRule.INDIVIDUAL | 7, ObjectType.NET.aclBit() | AclRule.INDIVIDUAL | 3, Right.USE.bit());
        assertEquals("#7 NET/#3 USE", acls.rules().get(id).toReadableString());
        assertTrue(acls.allows(7, 1, ObjectType.NET, 3, 0, Right.USE));
        assertFalse(acls.allows(7, 1, ObjectType.NET, 4, 0, Right.USE));
        assertFalse(acls.allows(8, 1, ObjectType.NET, 3, 0, Right.USE));
        assertFalse(acls.allows(7, 1, ObjectType.NET, 3, 0, Right.MANAGE));
        int g = acls.addRule(AclRule.ALL, ObjectType.IMAGE.aclBit() | AclRule.GROUP | 100, Right.USE.bit() | Right.MANAGE.bit());
        assertEquals("* IMAGE/@100 USE+MANAGE", acls.rules().get(g).toReadableString());
        assertTrue(acls.allows(9, 9, ObjectType.IMAGE, 12, 100, Right.MANAGE));
        assertFalse(acls.allows(9, 9, ObjectType.IMAGE, 12, 101, Right.MANAGE));
    }

    @Test
    public void malformedAndDuplicateRulesAreRefused() throws Exception {
        expect(() -> core.acls().addRule(0x200000001L, 0x2d400000000L, 8), "Error adding rule: Rule already exists");
        expect(() -> core.acls().addRule(0x1L, 0x2d400000000L, 8),
                "Error adding rule: [user] must use exactly one of #<uid>, @<gid> or *");
        expect(() -> core.acls().addRule(0x400000000L, 0x400000000L, 8), "Error adding rule: [resource] names no object type");
        expect(() -> core.acls().addRule(0x400000000L, 0x2400000000L, 0),
                "Error adding rule: [rights] must be a combination of USE, MANAGE, ADMIN and CREATE");
        expect(() -> core.acls().deleteRule(99), "Error deleting rule: Rule does not exist");
        assertEquals(2, core.acls().rules().size());
    }

    @Test
    public void deleteThenTheDocumentFollows() throws Exception {
        int id = core.acls().addRule(0x400000000L, 0x4400000000L, 1);
        assertTrue(core.acls().document().contains("<ACL><ID>2</ID><USER>400000000</USER><RESOURCE>4400000000</RESOURCE><RIGHTS>1</RIGHTS><STRING>* NET/* USE</STRING></ACL>"));
        core.acls().deleteRule(id);
        assertFalse(core.acls().document().contains("<ID>2</ID>"));
        assertEquals(2, core.acls().rules().size());
    }
}
