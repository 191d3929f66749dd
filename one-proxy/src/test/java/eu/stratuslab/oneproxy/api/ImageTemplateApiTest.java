package eu.stratuslab.oneproxy.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.xmlrpc.OneResult;
import org.junit.Rule;
import org.junit.Test;

/** The OPTIONAL image repository and VM template calls used by OpenNebula tools. */
public class ImageTemplateApiTest {
    @Rule
    public final ApiFixture api = ApiFixture.perTest();

    @Test
    public void imageLifecycle() throws Exception {
        int id = ApiFixture.id(api.admin("one.image.allocate", "NAME=\"ttylinux\"\nPATH=/srv/ttylinux.img\nDESCRIPTION=\"small\"\n"));
        assertEquals("the first image id of a fresh database is 0", 0, id);
        String doc = ApiFixture.xml(api.admin("one.image.info", id));
        assertEquals("<IMAGE><ID>0</ID><UID>0</UID><GID>0</GID><UNAME>oneadmin</UNAME><GNAME>oneadmin</GNAME><NAME>ttylinux</NAME>"
                + "<PERMISSIONS><OWNER_U>1</OWNER_U><OWNER_M>1</OWNER_M><OWNER_A>0</OWNER_A><GROUP_U>0</GROUP_U><GROUP_M>0</GROUP_M>"
                + "<GROUP_A>0</GROUP_A><OTHER_U>0</OTHER_U><OTHER_M>0</OTHER_M><OTHER_A>0</OTHER_A></PERMISSIONS><TYPE>0</TYPE>"
                + "<PERSISTENT>0</PERSISTENT><REGTIME>1795452626</REGTIME><SOURCE>/srv/ttylinux.img</SOURCE><PATH>/srv/ttylinux.img</PATH>"
                + "<FSTYPE></FSTYPE><SIZE>0</SIZE><STATE>1</STATE><RUNNING_VMS>0</RUNNING_VMS><TEMPLATE><DESCRIPTION><![CDATA[small]]>"
                + "</DESCRIPTION><NAME><![CDATA[ttylinux]]></NAME><PATH><![CDATA[/srv/ttylinux.img]]></PATH></TEMPLATE></IMAGE>", doc);
        ApiFixture.id(api.admin("one.image.enable", id, false));
        assertTrue(ApiFixture.xml(api.admin("one.image.info", id)).contains("<STATE>3</STATE>"));
        ApiFixture.id(api.admin("one.image.enable", id, true));
        ApiFixture.id(api.admin("one.image.persistent", id, true));
        ApiFixture.id(api.admin("one.image.chtype", id, "CDROM"));
        assertTrue(ApiFixture.xml(api.admin("one.image.info", id)).contains("<TYPE>1</TYPE><PERSISTENT>1</PERSISTENT>"));
        OneResult bad = api.admin("one.image.chtype", id, "FLOPPY");
        assertEquals("[ImageChangeType] Unknown image type FLOPPY", bad.value());
        OneResult dup = api.admin("one.image.allocate", "NAME=ttylinux\nPATH=/x\n");
        assertEquals("[ImageAllocate] Error allocating a new image. NAME is already taken by IMAGE 0.", dup.value());
        OneResult parse = api.admin("one.image.allocate", "NAME=x\nA = [ B = 1");
        assertEquals(ErrorCode.INTERNAL, parse.code());
        assertTrue(String.valueOf(parse.value()).startsWith("[ImageAllocate] Error allocating a new image. Parse error: "));
        ApiFixture.id(api.admin("one.image.update", id, "DESCRIPTION=\"new\""));
        assertTrue(ApiFixture.xml(api.admin("one.imagepool.info", -2, -1, -1)).contains("<TEMPLATE><DESCRIPTION><![CDATA[new]]></DESCRIPTION></TEMPLATE>"));
        ApiFixture.id(api.admin("one.image.delete", id));
        assertEquals("[ImageInfo] Error getting image [0].", api.admin("one.image.info", id).value());
        assertEquals(1, ApiFixture.id(api.admin("one.image.allocate", "NAME=again\nSOURCE=http://example.org/img\n")));
    }

    @Test
    public void templateInstantiateCreatesAVmOwnedByTheCaller() throws Exception {
        ApiFixture.id(api.admin("one.vn.allocate", "NAME=public\nTYPE=RANGED\nBRIDGE=br0\nNETWORK_ADDRESS=10.10.0.0\n"));
        ApiFixture.id(api.admin("one.vn.chmod", 0, -1, -1, -1, -1, -1, -1, 1, -1, -1));
        int t = ApiFixture.id(api.as("alice", "one.template.allocate",
                "CPU=1\nMEMORY=128\nNIC=[NETWORK=\"public\",NETWORK_UNAME=\"oneadmin\"]\n"));
        assertTrue(ApiFixture.xml(api.as("alice", "one.template.info", t)).contains("<NAME>template-0</NAME>"));
        int vm = ApiFixture.id(api.as("alice", "one.template.instantiate", t, "web-1"));
        String doc = ApiFixture.xml(api.as("alice", "one.vm.info", vm));
        assertTrue(doc, doc.contains("<NAME>web-1</NAME>"));
        assertTrue(doc, doc.contains("<IP><![CDATA[10.10.0.1]]></IP>"));
        ApiFixture.id(api.as("alice", "one.template.update", t, "CPU=2\nMEMORY=64\n"));
        assertTrue(ApiFixture.xml(api.as("alice", "one.templatepool.info", -3)).contains("<CPU><![CDATA[2]]></CPU>"));
        ApiFixture.id(api.as("alice", "one.template.delete", t));
        assertEquals("<VMTEMPLATE_POOL></VMTEMPLATE_POOL>", ApiFixture.xml(api.as("alice", "one.templatepool.info", -3)));
    }
}
