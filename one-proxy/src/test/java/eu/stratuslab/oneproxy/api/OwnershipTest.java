package eu.stratuslab.oneproxy.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.xmlrpc.OneResult;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/** User A's networks, images and templates are invisible and untouchable for user B, through every method. */
public class OwnershipTest {
    @Rule
    public final ApiFixture api = ApiFixture.perTest();
    private int net;
    private int image;
    private int template;

    @Before
    public void aliceOwnsOneOfEach() throws Exception {
        net = ApiFixture.id(api.as("alice", "one.vn.allocate",
                "NAME=private\nTYPE=FIXED\nBRIDGE=br0\nLEASES=[IP=10.0.0.1]\nLEASES=[IP=10.0.0.2]\n"));
        image = ApiFixture.id(api.as("alice", "one.image.allocate", "NAME=disk\nPATH=/var/tmp/disk.img\n"));
        template = ApiFixture.id(api.as("alice", "one.template.allocate", "NAME=web\nCPU=1\nMEMORY=256\n"));
    }

    @Test
    public void bobCannotTouchAlicesNetwork() throws Exception {
        Intruder bob = new Intruder("NET", net);
        bob.assertFamilyRefused("vn", "VirtualNetwork", "DNS=1.2.3.4");
        bob.assertRefused("MANAGE", "VirtualNetworkAddLeases", "one.vn.addleases", net, "LEASES=[IP=10.0.0.3]");
        bob.assertRefused("MANAGE", "VirtualNetworkRemoveLeases", "one.vn.rmleases", net, "LEASES=[IP=10.0.0.1]");
        bob.assertRefused("MANAGE", "VirtualNetworkHold", "one.vn.hold", net, "LEASES=[IP=10.0.0.1]");
        bob.assertRefused("MANAGE", "VirtualNetworkRelease", "one.vn.release", net, "LEASES=[IP=10.0.0.1]");
        for (int filter : new int[] {-3, -2, -1, api.core.users().byName("alice").id()}) {
            String pool = ApiFixture.xml(api.as("bob", "one.vnpool.info", filter, -1, -1));
            assertEquals("<VNET_POOL></VNET_POOL>", pool);
        }
        // nothing changed, and alice still sees and manages it
        String doc = ApiFixture.xml(api.as("alice", "one.vn.info", net));
        assertTrue(doc.contains("<OTHER_U>0</OTHER_U>"));
        assertTrue(doc.contains("<TOTAL_LEASES>0</TOTAL_LEASES>"));
        assertFalse(doc.contains("DNS"));
        assertEquals(net, ApiFixture.id(api.as("alice", "one.vn.hold", net, "LEASES=[IP=10.0.0.1]")));
        assertTrue(ApiFixture.xml(api.as("alice", "one.vnpool.info", -3)).contains("<NAME>private</NAME>"));
    }

    @Test
    public void bobCannotTouchAlicesImage() throws Exception {
        Intruder bob = new Intruder("IMAGE", image);
        bob.assertFamilyRefused("image", "Image", "DESCRIPTION=x");
        bob.assertRefused("MANAGE", "ImageEnable", "one.image.enable", image, false);
        bob.assertRefused("MANAGE", "ImagePersistent", "one.image.persistent", image, true);
        bob.assertRefused("MANAGE", "ImageChangeType", "one.image.chtype", image, "CDROM");
        assertEquals("<IMAGE_POOL></IMAGE_POOL>", ApiFixture.xml(api.as("bob", "one.imagepool.info", -2, -1, -1)));
        assertEquals("<IMAGE_POOL></IMAGE_POOL>", ApiFixture.xml(api.as("bob", "one.imagepool.info", -2)));
        String doc = ApiFixture.xml(api.as("alice", "one.image.info", image));
        assertTrue(doc, doc.contains("<TYPE>0</TYPE><PERSISTENT>0</PERSISTENT>"));
        assertTrue(doc.contains("<STATE>1</STATE>"));
        assertEquals(image, ApiFixture.id(api.as("alice", "one.image.chtype", image, "DATABLOCK")));
    }

    @Test
    public void bobCannotTouchAlicesTemplate() throws Exception {
        Intruder bob = new Intruder("TEMPLATE", template);
        bob.assertFamilyRefused("template", "Template", "CPU=8");
        bob.assertRefused("USE", "TemplateInstantiate", "one.template.instantiate", template, "");
        assertEquals("<VMTEMPLATE_POOL></VMTEMPLATE_POOL>", ApiFixture.xml(api.as("bob", "one.templatepool.info", -2, -1, -1)));
        String doc = ApiFixture.xml(api.as("alice", "one.template.info", template));
        assertTrue(doc, doc.endsWith("<REGTIME>" + ApiFixture.GOLDEN_MON_TIME + "</REGTIME><TEMPLATE><CPU><![CDATA[1]]></CPU>"
                + "<MEMORY><![CDATA[256]]></MEMORY><NAME><![CDATA[web]]></NAME></TEMPLATE></VMTEMPLATE>"));
    }

    /** Bob, made known to the core, on one of alice's objects: every request he makes on it is refused. */
    private final class Intruder {
        private final int bob;
        private final String type;
        private final int object;

        Intruder(String type, int object) throws Exception {
            api.as("bob", "one.user.info", -1);
            this.bob = api.core.users().byName("bob").id();
            this.type = type;
            this.object = object;
        }

        /** {@code method(params)} by bob is refused for want of {@code right} on the object, tagged {@code tag}. */
        void assertRefused(String right, String tag, String method, Object... params) throws Exception {
            refused(api.as("bob", method, params), tag,
                    "User [" + bob + "] : Not authorized to perform " + right + " " + type + " [" + object + "].");
        }

        /**
         * The requests every family of owned objects serves, {@code one.<kind>.info, update, delete,
         * chown, chmod}, tagged {@code <Kind>Info} ..., are refused.
         */
        void assertFamilyRefused(String kind, String tagKind, String update) throws Exception {
            String prefix = "one." + kind + ".";
            assertRefused("USE", tagKind + "Info", prefix + "info", object);
            assertRefused("MANAGE", tagKind + "Update", prefix + "update", object, update);
            assertRefused("MANAGE", tagKind + "Delete", prefix + "delete", object);
            assertRefused("ADMIN", tagKind + "Chown", prefix + "chown", object, bob, -1);
            assertRefused("MANAGE", tagKind + "Chmod", prefix + "chmod", object, -1, -1, -1, -1, -1, -1, 1, -1, -1);
        }
    }

    @Test
    public void sharingWithOtherUsersGrantsUseButNotManage() throws Exception {
        assertEquals(net, ApiFixture.id(api.as("alice", "one.vn.chmod", net, -1, -1, -1, -1, -1, -1, 1, -1, -1)));
        assertTrue(ApiFixture.xml(api.as("bob", "one.vn.info", net)).contains("<NAME>private</NAME>"));
        assertTrue(ApiFixture.xml(api.as("bob", "one.vnpool.info", -2)).contains("<NAME>private</NAME>"));
        assertEquals("<VNET_POOL></VNET_POOL>", ApiFixture.xml(api.as("bob", "one.vnpool.info", -3)));
        int bob = api.core.users().byName("bob").id();
        refused(api.as("bob", "one.vn.delete", net), "VirtualNetworkDelete",
                "User [" + bob + "] : Not authorized to perform MANAGE NET [" + net + "].");
        // changing an *_A bit needs ADMIN, which the owner does not have by default
        OneResult r = api.as("alice", "one.vn.chmod", net, -1, -1, 1, -1, -1, -1, -1, -1, -1);
        refused(r, "VirtualNetworkChmod", "User [" + api.core.users().byName("alice").id()
                + "] : Not authorized to perform ADMIN NET [" + net + "].");
    }

    private static void refused(OneResult r, String tag, String message) {
        assertFalse(r.success());
        assertEquals("[" + tag + "] " + message, r.value());
        assertEquals(ErrorCode.AUTHORIZATION, r.code());
    }
}
