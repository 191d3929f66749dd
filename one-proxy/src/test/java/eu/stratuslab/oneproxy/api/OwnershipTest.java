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
        api.as("bob", "one.user.info", -1);
        int bob = api.core.users().byName("bob").id();
        String use = "User [" + bob + "] : Not authorized to perform USE NET [" + net + "].";
        String manage = "User [" + bob + "] : Not authorized to perform MANAGE NET [" + net + "].";
        String admin = "User [" + bob + "] : Not authorized to perform ADMIN NET [" + net + "].";
        refused(api.as("bob", "one.vn.info", net), "VirtualNetworkInfo", use);
        refused(api.as("bob", "one.vn.update", net, "DNS=1.2.3.4"), "VirtualNetworkUpdate", manage);
        refused(api.as("bob", "one.vn.delete", net), "VirtualNetworkDelete", manage);
        refused(api.as("bob", "one.vn.addleases", net, "LEASES=[IP=10.0.0.3]"), "VirtualNetworkAddLeases", manage);
        refused(api.as("bob", "one.vn.rmleases", net, "LEASES=[IP=10.0.0.1]"), "VirtualNetworkRemoveLeases", manage);
        refused(api.as("bob", "one.vn.hold", net, "LEASES=[IP=10.0.0.1]"), "VirtualNetworkHold", manage);
        refused(api.as("bob", "one.vn.release", net, "LEASES=[IP=10.0.0.1]"), "VirtualNetworkRelease", manage);
        refused(api.as("bob", "one.vn.chown", net, bob, -1), "VirtualNetworkChown", admin);
        refused(api.as("bob", "one.vn.chmod", net, -1, -1, -1, -1, -1, -1, 1, -1, -1), "VirtualNetworkChmod", manage);
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
        api.as("bob", "one.user.info", -1);
        int bob = api.core.users().byName("bob").id();
        String use = "User [" + bob + "] : Not authorized to perform USE IMAGE [" + image + "].";
        String manage = "User [" + bob + "] : Not authorized to perform MANAGE IMAGE [" + image + "].";
        refused(api.as("bob", "one.image.info", image), "ImageInfo", use);
        refused(api.as("bob", "one.image.update", image, "DESCRIPTION=x"), "ImageUpdate", manage);
        refused(api.as("bob", "one.image.delete", image), "ImageDelete", manage);
        refused(api.as("bob", "one.image.enable", image, false), "ImageEnable", manage);
        refused(api.as("bob", "one.image.persistent", image, true), "ImagePersistent", manage);
        refused(api.as("bob", "one.image.chtype", image, "CDROM"), "ImageChangeType", manage);
        refused(api.as("bob", "one.image.chown", image, bob, -1), "ImageChown",
                "User [" + bob + "] : Not authorized to perform ADMIN IMAGE [" + image + "].");
        refused(api.as("bob", "one.image.chmod", image, -1, -1, -1, -1, -1, -1, 1, -1, -1), "ImageChmod", manage);
        assertEquals("<IMAGE_POOL></IMAGE_POOL>", ApiFixture.xml(api.as("bob", "one.imagepool.info", -2, -1, -1)));
        assertEquals("<IMAGE_POOL></IMAGE_POOL>", ApiFixture.xml(api.as("bob", "one.imagepool.info", -2)));
        String doc = ApiFixture.xml(api.as("alice", "one.image.info", image));
        assertTrue(doc, doc.contains("<TYPE>0</TYPE><PERSISTENT>0</PERSISTENT>"));
        assertTrue(doc.contains("<STATE>1</STATE>"));
        assertEquals(image, ApiFixture.id(api.as("alice", "one.image.chtype", image, "DATABLOCK")));
    }

    @Test
    public void bobCannotTouchAlicesTemplate() throws Exception {
        api.as("bob", "one.user.info", -1);
        int bob = api.core.users().byName("bob").id();
        String use = "User [" + bob + "] : Not authorized to perform USE TEMPLATE [" + template + "].";
        String manage = "User [" + bob + "] : Not authorized to perform MANAGE TEMPLATE [" + template + "].";
        refused(api.as("bob", "one.template.info", template), "TemplateInfo", use);
        refused(api.as("bob", "one.template.update", template, "CPU=8"), "TemplateUpdate", manage);
        refused(api.as("bob", "one.template.delete", template), "TemplateDelete", manage);
        refused(api.as("bob", "one.template.instantiate", template, ""), "TemplateInstantiate", use);
        refused(api.as("bob", "one.template.chown", template, bob, -1), "TemplateChown",
                "User [" + bob + "] : Not authorized to perform ADMIN TEMPLATE [" + template + "].");
        refused(api.as("bob", "one.template.chmod", template, -1, -1, -1, -1, -1, -1, 1, -1, -1), "TemplateChmod", manage);
        assertEquals("<VMTEMPLATE_POOL></VMTEMPLATE_POOL>", ApiFixture.xml(api.as("bob", "one.templatepool.info", -2, -1, -1)));
        String doc = ApiFixture.xml(api.as("alice", "one.template.info", template));
        assertTrue(doc, doc.endsWith("<REGTIME>" + ApiFixture.GOLDEN_MON_TIME + "</REGTIME><TEMPLATE><CPU><![CDATA[1]]></CPU>"
                + "<MEMORY><![CDATA[256]]></MEMORY><NAME><![CDATA[web]]></NAME></TEMPLATE></VMTEMPLATE>"));
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
