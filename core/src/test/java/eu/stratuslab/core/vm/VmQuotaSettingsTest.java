package eu.stratuslab.core.vm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.template.TemplateParser;
import java.util.Map;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Default quotas come from configuration: site, group members, one user; OpenNebula's texts. */
public class VmQuotaSettingsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Core core;

    private void open(Map<String, String> config) throws Exception {
        core = Core.open(VmFixture.memorySettings(tmp.getRoot().toPath(), new MutableClock(1_700_000_000L))
                .withQuotas(QuotaSettings.parse(config)));
        VmFixture.install(core);
    }

    @After
    public void close() {
        if (core != null) {
            core.close();
        }
    }

    private OneException refused(Caller c, String template) {
        try {
            core.vms().allocate(c, template);
        } catch (OneException e) {
            assertEquals(ErrorCode.AUTHORIZATION, e.code());
            return e;
        }
        fail("allocated: " + template);
        return null;
    }

    @Test
    public void siteGroupAndUserLevels() throws Exception {
        open(Map.of("quota.cpu", "4", "quota.memory", "1GB", "quota.vms", "3",
                "quota.group.staff.cpu", "8",
                "quota.user.carol.vms", "1", "quota.user.carol.cpu", "0",
                "db.url", "ignored: not a quota key"));
        int staff = core.groups().allocate("staff");
        core.acls().addRule(eu.stratuslab.core.acl.AclRule.GROUP | staff, eu.stratuslab.core.auth.ObjectType.VM.aclBit()
                | eu.stratuslab.core.acl.AclRule.ALL, eu.stratuslab.core.auth.Right.CREATE.bit());
        Caller alice = VmFixture.user(core, "alice");
        Caller bob = new Caller(core.users().allocate("bob", "bob-pw", "core", staff), staff, "bob");
        Caller carol = VmFixture.user(core, "carol");

        core.vms().allocate(alice, "CPU = 4\nMEMORY = 256\n");
        assertEquals("User [" + alice.uid() + "] : CPU quota exceeded (Quota: 4.0, Used: 4.0, Requested: 1.0).",
                refused(alice, "CPU = 1\nMEMORY = 256\n").getMessage());
        core.vms().allocate(alice, "MEMORY = 768\n");
        assertEquals("site memory quota, 1GB = 1024 MB",
                "User [" + alice.uid() + "] : MEMORY quota exceeded (Quota: 1024, Used: 1024, Requested: 1).",
                refused(alice, "MEMORY = 1\n").getMessage());
        core.vms().allocate(alice, "NAME = no-cpu-no-memory\n");
        assertEquals("User [" + alice.uid() + "] : NUM_VMS quota exceeded (Quota: 3, Used: 3, Requested: 1).",
                refused(alice, "NAME = no-cpu-no-memory\n").getMessage());

        core.vms().allocate(bob, "CPU = 8\n"); // the group's CPU quota, the site's others
        assertEquals("User [" + bob.uid() + "] : CPU quota exceeded (Quota: 8.0, Used: 8.0, Requested: 0.5).",
                refused(bob, "CPU = 0.5\n").getMessage());

        core.vms().allocate(carol, "CPU = 100\n"); // CPU 0 = unlimited for carol
        assertEquals("User [" + carol.uid() + "] : NUM_VMS quota exceeded (Quota: 1, Used: 1, Requested: 1).",
                refused(carol, "CPU = 1\n").getMessage());

        // a user's own template still wins
        core.users().update(carol.uid(), TemplateParser.parse("QUOTA_VMS = 2\n"));
        core.vms().allocate(carol, "CPU = 1\n");
        // and oneadmin's group is never limited
        for (int i = 0; i < 5; i++) {
            core.vms().allocate(Caller.ONEADMIN, "CPU = 10\n");
        }
    }

    @Test
    public void withoutConfigurationTheProjectDefaultsHold() throws Exception {
        QuotaSettings.Limits l = QuotaSettings.parse(Map.of()).forOwner("anyone", "users");
        assertEquals(Double.valueOf(20), l.cpu());
        assertEquals("unlimited", Double.valueOf(0), l.memoryMb());
        assertEquals("unlimited", Integer.valueOf(0), l.vms());
    }

    @Test
    public void badValuesNameTheirKey() {
        for (Map.Entry<String, String> bad : Map.of("quota.cpu", "lots", "quota.memory", "2TB",
                "quota.user.bob.disk", "1", "quota.group.x", "1").entrySet()) {
            try {
                QuotaSettings.parse(Map.of(bad.getKey(), bad.getValue()));
                fail("accepted " + bad);
            } catch (IllegalArgumentException e) {
                assertEquals(true, e.getMessage().startsWith(bad.getKey()));
            }
        }
    }
}
