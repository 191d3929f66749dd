package eu.stratuslab.core.user;

import static eu.stratuslab.core.testsupport.OneErrors.expectInternal;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.testsupport.CoreOnEachDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;
import eu.stratuslab.infra.testsupport.Together;
import java.time.Duration;

public class UserPoolTest extends CoreOnEachDatabase {
    @Test
    public void rpc2SessionAcceptsOnlyCoreUsersWithTheRightPassword() throws Exception {
        UserPool users = core.users();
        Caller admin = users.authenticateSession("oneadmin:password");
        assertEquals(new Caller(0, 0, "oneadmin"), admin);
        assertNull(users.authenticateSession("oneadmin:wrong"));
        assertNull(users.authenticateSession("oneadmin"));
        assertNull(users.authenticateSession("nobody:password"));
        int alice = users.allocate("alice", "s3cr:et@", "", 1);
        assertEquals(new Caller(alice, 1, "alice"), users.authenticateSession("alice:s3cr:et@"));
        // accounts created on first use (driver dummy) are refused on /RPC2 whatever the password
        users.callerForAccount("bob");
        assertNull(users.authenticateSession("bob:" + User.DUMMY_PASSWORD));
        assertNull(users.authenticateSession("bob:anything"));
        users.setStoredPassword(1, "962308144ba421834fe9df855e516e9e72ee1b54");
        assertNull("server_cipher is refused", users.authenticateSession("serveradmin:x"));
        int pub = users.allocate("pubuser", "pw", "public", 1);
        assertEquals("pw", users.get(pub).password());
        assertNull("public is refused", users.authenticateSession("pubuser:pw"));
    }

    @Test
    public void cachedSessionIsDroppedWhenThePasswordChanges() throws Exception {
        UserPool users = core.users();
        int alice = users.allocate("alice", "old", "core", 1);
        assertNotNull(users.authenticateSession("alice:old"));
        assertNotNull(users.authenticateSession("alice:old")); // from the cache
        users.setPassword(alice, "new");
        assertNull(users.authenticateSession("alice:old"));
        assertNotNull(users.authenticateSession("alice:new"));
        users.setEnabled(alice, false);
        assertNull(users.authenticateSession("alice:new"));
    }

    @Test
    public void firstUseCreatesADummyAccountInGroupUsers() throws Exception {
        String account = "CN%3DJane+Tester%2COU%3DLAL%2CO%3DCNRS%2CC%3DFR";
        List<User> created = new ArrayList<>();
        core.users().onCreate(created::add);
        Caller c = core.users().callerForAccount(account);
        assertEquals(2, c.uid());
        assertEquals(1, c.gid());
        User u = core.users().get(c.uid());
        assertEquals("dummy", u.authDriver());
        assertEquals("a".repeat(40), u.password());
        assertTrue(u.enabled());
        assertEquals(c, core.users().callerForAccount(account));
        assertEquals(1, created.size());
        assertEquals("<USER><ID>2</ID><GID>1</GID><GNAME>users</GNAME><NAME>" + account
                + "</NAME><PASSWORD>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</PASSWORD><AUTH_DRIVER>dummy</AUTH_DRIVER>"
                + "<ENABLED>1</ENABLED><TEMPLATE></TEMPLATE></USER>", core.users().document(2));
        assertEquals(new Caller(0, 0, "oneadmin"), core.users().callerForAccount("oneadmin"));
    }

    @Test
    public void concurrentFirstRequestsCreateExactlyOneAccount() throws Exception {
        int threads = 16;
        AtomicInteger creations = new AtomicInteger();
        core.users().onCreate(u -> creations.incrementAndGet());
        Set<Integer> uids = new HashSet<>();
        for (Caller c : Together.run(threads, threads, Duration.ofSeconds(30),
                i -> core.users().callerForAccount("john.doe%40example.org"))) {
            uids.add(c.uid());
        }
        assertEquals(Set.of(2), uids);
        assertEquals(1, creations.get());
        try (Connection c = core.db().connection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM user_pool WHERE name = ?")) {
            ps.setString(1, "john.doe%40example.org");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        }
    }

    @Test
    public void allocateRefusesDuplicatesAndBadNames() throws Exception {
        core.users().allocate("alice", "pw", "core", 1);
        expectInternal(() -> core.users().allocate("alice", "pw", "core", 1),
                "Error allocating a new user. NAME is already taken by USER 2.");
        expectInternal(() -> core.users().allocate("a b", "pw", "core", 1),
                "Error allocating a new user. Invalid NAME, it cannot contain spaces or ':'");
        expectInternal(() -> core.users().allocate("", "pw", "core", 1),
                "Error allocating a new user. Invalid NAME, it cannot be empty");
        try {
            core.users().allocate("carol", "pw", "core", 42);
            fail();
        } catch (OneException e) {
            assertEquals(ErrorCode.NO_EXISTS, e.code());
            assertEquals("Error getting group [42].", e.getMessage());
        }
        expectInternal(() -> core.users().delete(0), "Can not delete user. oneadmin can not be deleted");
        expectInternal(() -> core.users().delete(1), "Can not delete user. serveradmin can not be deleted");
    }

    @Test
    public void groupMembershipAndGroupDeletion() throws Exception {
        int staff = core.groups().allocate("staff");
        int alice = core.users().allocate("alice", "pw", "core", staff);
        assertEquals("<GROUP><ID>100</ID><NAME>staff</NAME><USERS><ID>" + alice + "</ID></USERS></GROUP>",
                core.groups().document(staff));
        expectInternal(() -> core.groups().delete(staff), "Can not delete group. Group 100 is not empty.");
        core.users().changeGroup(alice, 1);
        core.groups().delete(staff);
        assertEquals("<GROUP><ID>1</ID><NAME>users</NAME><USERS><ID>" + alice + "</ID></USERS></GROUP>",
                core.groups().document(1));
        expectInternal(() -> core.groups().delete(1), "Can not delete group. System groups can not be deleted");
    }
}
