package eu.stratuslab.core;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.core.acl.AclRule;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.infra.db.DbSettings;
import eu.stratuslab.core.testsupport.CoreFixture;
import eu.stratuslab.core.testsupport.OnEachDatabase;
import eu.stratuslab.core.testsupport.TestDatabases;
import eu.stratuslab.core.user.User;
import eu.stratuslab.template.TemplateParser;
import java.util.List;
import org.junit.Test;

/** Bootstrap of an empty database, migrations, and ids across restarts, on H2 and MariaDB. */
public class CoreBootstrapTest extends OnEachDatabase {
    @Test
    public void emptyDatabaseGetsDefaultUsersGroupsAndAclRules() throws Exception {
        try (Core core = CoreFixture.open(TestDatabases.fresh(kind))) {
            User oneadmin = core.users().get(0);
            assertEquals("oneadmin", oneadmin.name());
            assertEquals(0, oneadmin.gid());
            assertEquals("core", oneadmin.authDriver());
            assertEquals("5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8", oneadmin.password());
            User serveradmin = core.users().get(1);
            assertEquals("serveradmin", serveradmin.name());
            assertEquals(0, serveradmin.gid());
            assertEquals("server_cipher", serveradmin.authDriver());
            assertEquals(40, serveradmin.password().length());
            assertEquals("oneadmin", core.groups().get(0).name());
            assertEquals("users", core.groups().get(1).name());
            List<AclRule> rules = core.acls().rules();
            assertEquals(2, rules.size());
            assertEquals(new AclRule(0, 0x200000001L, 0x2d400000000L, 8), rules.get(0));
            assertEquals(new AclRule(1, 0x200000001L, 0x2400000000L, 2), rules.get(1));
            assertEquals("@1 VM+NET+IMAGE+TEMPLATE/* CREATE", rules.get(0).toReadableString());
            assertEquals("@1 HOST/* MANAGE", rules.get(1).toReadableString());
        }
    }

    @Test
    public void firstIdsMatchOned() throws Exception {
        try (Core core = CoreFixture.open(TestDatabases.fresh(kind))) {
            assertEquals(2, core.users().allocate("alice", "pw", "", 1));
            assertEquals(0, core.hosts().allocate("h1", "im_dummy", "vmm_dummy", "dummy", "tm_dummy"));
            assertEquals(0, core.networks().allocate(Caller.ONEADMIN, TemplateParser.parse(
                    "NAME=n\nTYPE=RANGED\nBRIDGE=br0\nNETWORK_ADDRESS=10.0.0.0\n")));
            assertEquals(0, core.images().allocate(Caller.ONEADMIN, TemplateParser.parse("NAME=i\nPATH=/tmp/x\n")));
            assertEquals(0, core.templates().allocate(Caller.ONEADMIN, TemplateParser.parse("NAME=t\nCPU=1\n")));
            assertEquals(100, core.groups().allocate("staff"));
            assertEquals(2, core.acls().addRule(0x100000002L, 0x4400000000L, 1));
        }
    }

    @Test
    public void everythingSurvivesARestartAndIdsAreNeverReused() throws Exception {
        DbSettings db = TestDatabases.fresh(kind);
        int bob;
        try (Core core = CoreFixture.open(db)) {
            core.users().allocate("alice", "pw", "core", 1);
            bob = core.users().allocate("bob", "pw", "core", 1);
            core.users().delete(bob);
            core.hosts().allocate("h1", "im_dummy", "vmm_dummy", "dummy", "tm_dummy");
            core.hosts().charge(0, 100, 1024);
            int net = core.networks().allocate(Caller.ONEADMIN, TemplateParser.parse(
                    "NAME=pub\nTYPE=RANGED\nBRIDGE=br0\nNETWORK_ADDRESS=10.0.0.0\nDNS=10.0.0.1\n"));
            // a lease held by a stored VM (a lease of no VM is released at start, issue 13 item 4)
            assertEquals(0, core.vms().allocate(Caller.ONEADMIN, "NIC = [ NETWORK = pub ]\n").id());
            core.acls().addRule(0x400000000L, 0x4400000000L, 1);
            core.acls().deleteRule(2);
            assertEquals(0, net);
            int img = core.images().allocate(Caller.ONEADMIN, TemplateParser.parse("NAME=img\nPATH=/srv/a.img\n"));
            core.images().chmod(img, new int[] {-1, -1, -1, -1, -1, -1, 1, -1, -1});
            int tmpl = core.templates().allocate(Caller.ONEADMIN, TemplateParser.parse("NAME=t\nCPU=1\n"));
            core.templates().chown(tmpl, 2, 1);
            core.groups().allocate("staff");
        }
        try (Core core = CoreFixture.open(db)) {
            assertNotNull(core.users().byName("alice"));
            assertEquals(null, core.users().byName("bob"));
            assertEquals(bob + 1, core.users().allocate("carol", "pw", "core", 1));
            // the host survives; its allocation counters are recounted from the VMs at start, and
            // no VM holds the capacity charged above (HostRecountTest covers the recount)
            assertEquals("h1", core.hosts().get(0).name());
            assertEquals(0, core.hosts().get(0).share().runningVms());
            assertEquals(0, core.hosts().get(0).share().cpuUsage());
            assertTrue(core.networks().document(0).contains("<IP>10.0.0.1</IP><MAC>02:00:0a:00:00:01</MAC><USED>1</USED><VID>0</VID>"));
            assertTrue(core.networks().document(0).contains("<DNS><![CDATA[10.0.0.1]]></DNS>"));
            assertEquals(2, core.acls().rules().size());
            assertEquals(3, core.acls().addRule(0x400000000L, 0x4400000000L, 1));
            // the next lease is the next address: the stored lease was loaded
            eu.stratuslab.template.VectorAttribute second = nic("pub");
            core.networks().lease(Caller.ONEADMIN, second, 8);
            assertEquals("10.0.0.2", second.get("IP"));
            assertFalse(core.users().all().isEmpty());
            assertTrue(core.images().document(0).contains("<OTHER_U>1</OTHER_U>"));
            assertTrue(core.images().document(0).contains("<SOURCE>/srv/a.img</SOURCE>"));
            assertEquals(2, core.templates().get(0).uid());
            assertEquals("1", core.templates().get(0).template().getString("CPU"));
            assertEquals("staff", core.groups().get(100).name());
            assertEquals(101, core.groups().allocate("more"));
            assertEquals(1, core.images().allocate(Caller.ONEADMIN, TemplateParser.parse("NAME=img2\nPATH=/srv/b.img\n")));
        }
    }

    private static eu.stratuslab.template.VectorAttribute nic(String network) {
        eu.stratuslab.template.VectorAttribute nic = new eu.stratuslab.template.VectorAttribute("NIC");
        nic.put("NETWORK", network);
        return nic;
    }
}
