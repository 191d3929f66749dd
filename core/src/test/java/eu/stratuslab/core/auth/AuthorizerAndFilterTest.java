package eu.stratuslab.core.auth;

import eu.stratuslab.core.db.CoreSchema;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.acl.AclPool;
import eu.stratuslab.core.acl.AclRule;
import eu.stratuslab.infra.db.Database;
import eu.stratuslab.core.pool.OwnedObject;
import eu.stratuslab.core.testsupport.TestDatabases;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Permission bits, ACL grants and the pool filter flags (xmlrpc-api.md §5, §6). */
public class AuthorizerAndFilterTest {
    private Database db;
    private AclPool acls;
    private Authorizer authz;
    private final Caller alice = new Caller(2, 1, "alice");
    private final Caller bob = new Caller(3, 1, "bob");
    private final Caller carol = new Caller(4, 100, "carol");

    private record Obj(int id, String name, int uid, int gid, Permissions permissions) implements OwnedObject {
    }

    @Before
    public void open() throws Exception {
        db = CoreSchema.open(TestDatabases.fresh("h2"));
        acls = AclPool.load(db);
        acls.bootstrapDefaults();
        authz = new Authorizer(acls);
    }

    @After
    public void close() {
        db.close();
    }

    @Test
    public void permissionBitsGrantOwnerGroupAndOther() throws Exception {
        Obj own = new Obj(5, "n", 2, 1, Permissions.DEFAULT);
        assertTrue(authz.isAllowed(alice, ObjectType.NET, own, Right.USE));
        assertTrue(authz.isAllowed(alice, ObjectType.NET, own, Right.MANAGE));
        assertFalse(authz.isAllowed(alice, ObjectType.NET, own, Right.ADMIN));
        assertFalse(authz.isAllowed(bob, ObjectType.NET, own, Right.USE));
        try {
            authz.authorize(bob, ObjectType.NET, own, Right.USE);
            fail();
        } catch (OneException e) {
            assertEquals(ErrorCode.AUTHORIZATION, e.code());
            assertEquals("User [3] : Not authorized to perform USE NET [5].", e.getMessage());
        }
        Obj group = new Obj(6, "n", 2, 1, Permissions.DEFAULT.chmod(new int[] {-1, -1, -1, 1, -1, -1, -1, -1, -1}));
        assertTrue(authz.isAllowed(bob, ObjectType.NET, group, Right.USE));
        assertFalse(authz.isAllowed(carol, ObjectType.NET, group, Right.USE));
        Obj other = new Obj(7, "n", 2, 1, Permissions.DEFAULT.chmod(new int[] {-1, -1, -1, -1, -1, -1, 1, -1, -1}));
        assertTrue(authz.isAllowed(carol, ObjectType.NET, other, Right.USE));
        assertTrue("oneadmin passes", authz.isAllowed(Caller.ONEADMIN, ObjectType.NET, own, Right.ADMIN));
        assertTrue("group 0 passes", authz.isAllowed(new Caller(9, 0, "ops"), ObjectType.NET, own, Right.ADMIN));
    }

    @Test
    public void aclRulesGrantWhatBitsDoNot() throws Exception {
        Obj net = new Obj(8, "n", 0, 0, Permissions.DEFAULT);
        assertFalse(authz.isAllowed(carol, ObjectType.NET, net, Right.USE));
        acls.addRule(AclRule.INDIVIDUAL | 4, ObjectType.NET.aclBit() | AclRule.INDIVIDUAL | 8, Right.USE.bit());
        assertTrue(authz.isAllowed(carol, ObjectType.NET, net, Right.USE));
        assertFalse(authz.isAllowed(carol, ObjectType.IMAGE, net, Right.USE));
        authz.authorizeCreate(alice, ObjectType.VM);
        try {
            authz.authorizeCreate(carol, ObjectType.VM);
            fail();
        } catch (OneException e) {
            assertEquals("User [4] : Not authorized to perform CREATE VM [-1].", e.getMessage());
        }
    }

    @Test
    public void poolFilterFlags() throws Exception {
        Obj aliceOwn = new Obj(1, "a", 2, 1, Permissions.DEFAULT);
        Obj bobGroupShared = new Obj(2, "b", 3, 1, Permissions.DEFAULT.chmod(new int[] {-1, -1, -1, 1, -1, -1, -1, -1, -1}));
        Obj bobPrivate = new Obj(3, "c", 3, 1, Permissions.DEFAULT);
        Obj adminPublic = new Obj(4, "d", 0, 0, Permissions.DEFAULT.chmod(new int[] {-1, -1, -1, -1, -1, -1, 1, -1, -1}));
        Obj[] all = {aliceOwn, bobGroupShared, bobPrivate, adminPublic};
        assertEquals("1", visible(PoolFilter.of(-3, -1, -1), alice, all));
        assertEquals("1,2,4", visible(PoolFilter.of(-2, -1, -1), alice, all));
        assertEquals("1,2", visible(PoolFilter.of(-1, -1, -1), alice, all));
        assertEquals("2", visible(PoolFilter.of(3, -1, -1), alice, all));
        assertEquals("2,3", visible(PoolFilter.of(3, -1, -1), Caller.ONEADMIN, all));
        assertEquals("1,2,3,4", visible(PoolFilter.of(-2, -1, -1), Caller.ONEADMIN, all));
        assertEquals("2,3,4", visible(PoolFilter.of(-2, 2, -1), Caller.ONEADMIN, all));
        assertEquals("2,3", visible(PoolFilter.of(-2, 2, 3), Caller.ONEADMIN, all));
        assertEquals("endId alone is no bound", "1,2,3,4", visible(PoolFilter.of(-2, -1, 2), Caller.ONEADMIN, all));
        try {
            PoolFilter.of(-4, -1, -1);
            fail();
        } catch (OneException e) {
            assertEquals(ErrorCode.XML_RPC_API, e.code());
            assertEquals("Incorrect filter_flag", e.getMessage());
        }
    }

    private String visible(PoolFilter f, Caller c, Obj... objects) {
        StringBuilder sb = new StringBuilder();
        for (Obj o : objects) {
            if (f.matches(c, ObjectType.NET, o, authz)) {
                sb.append(sb.length() == 0 ? "" : ",").append(o.id());
            }
        }
        return sb.toString();
    }
}
