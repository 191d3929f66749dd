package eu.stratuslab.oneproxy.api.vm;

import static eu.stratuslab.oneproxy.api.vm.VmApiFixture.assertNotAuthorized;
import static eu.stratuslab.oneproxy.api.vm.VmApiFixture.ok;
import static org.junit.Assert.assertEquals;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.xmlrpc.OneResult;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/**
 * Issue 13 item 1: {@code one.vm.allocate} and {@code one.template.instantiate} need USE on every
 * image a DISK references (xmlrpc-api.md §4.1, §6), however the DISK names it.
 */
public class ImageReferenceAuthorizationTest {
    private static final String VM = "CPU = 1\nMEMORY = 128\nNIC = [ NETWORK = \"public\", NETWORK_UNAME = \"oneadmin\" ]\n";

    @Rule
    public final VmApiFixture fx = new VmApiFixture(1_700_000_000L);
    private int aliceImage;
    private int bob;

    @Before
    public void open() throws Exception {
        aliceImage = (Integer) ok(fx.as("alice", "one.image.allocate", "NAME = private-os\nPATH = /var/tmp/alice.img\n"));
        bob = fx.userWithAccount("bob");
    }

    private void assertRefusedImage(String tag, OneResult r) {
        assertNotAuthorized("[" + tag + "] User [" + bob + "] : Not authorized to perform USE IMAGE [" + aliceImage + "].", r);
    }

    private int countVms() throws Exception {
        String pool = fx.admin("one.vmpool.info", -2, -1, -1, -2).value().toString(); // an XmlRpcText: the text a client reads
        return pool.split("<VM><ID>", -1).length - 1;
    }

    @Test
    public void anotherUsersPrivateImageIsRefusedByIdByNameAndByOwnerId() throws Exception {
        int before = countVms();
        String usedLeases = (String) ok(fx.admin("one.vn.info", 0));
        assertRefusedImage("VirtualMachineAllocate",
                fx.as("bob", "one.vm.allocate", VM + "DISK = [ IMAGE_ID = " + aliceImage + " ]\n"));
        assertRefusedImage("VirtualMachineAllocate",
                fx.as("bob", "one.vm.allocate", VM + "DISK = [ IMAGE = \"private-os\", IMAGE_UNAME = \"alice\" ]\n"));
        int alice = fx.core().users().byName("alice").id();
        assertRefusedImage("VirtualMachineAllocate",
                fx.as("bob", "one.vm.allocate", VM + "DISK = [ IMAGE = \"private-os\", IMAGE_UID = " + alice + " ]\n"));
        // a later DISK is checked as well as the first one
        assertRefusedImage("VirtualMachineAllocate", fx.as("bob", "one.vm.allocate",
                VM + "DISK = [ SOURCE = \"/var/tmp/x.img\" ]\nDISK = [ IMAGE_ID = \"" + aliceImage + "\" ]\n"));
        assertEquals("no VM stored", before, countVms());
        assertEquals("no lease left taken", usedLeases, ok(fx.admin("one.vn.info", 0)));
    }

    @Test
    public void templateInstantiateChecksTheImagesOfTheTemplate() throws Exception {
        int template = (Integer) ok(fx.as("bob", "one.template.allocate",
                "NAME = stolen\n" + VM + "DISK = [ IMAGE_ID = " + aliceImage + " ]\n"));
        assertRefusedImage("TemplateInstantiate", fx.as("bob", "one.template.instantiate", template, ""));
    }

    @Test
    public void ownImagesSharedImagesAndAdministratorsAreAllowed() throws Exception {
        int own = (Integer) ok(fx.as("bob", "one.image.allocate", "NAME = mine\nPATH = /var/tmp/bob.img\n"));
        ok(fx.as("bob", "one.vm.allocate", VM + "DISK = [ IMAGE_ID = " + own + " ]\n"));
        ok(fx.as("bob", "one.vm.allocate", VM + "DISK = [ IMAGE = \"mine\" ]\n"));
        ok(fx.admin("one.vm.allocate", VM + "DISK = [ IMAGE_ID = " + aliceImage + " ]\n"));
        // alice shares it with everybody (OTHER_U)
        ok(fx.as("alice", "one.image.chmod", aliceImage, -1, -1, -1, -1, -1, -1, 1, -1, -1));
        ok(fx.as("bob", "one.vm.allocate", VM + "DISK = [ IMAGE_ID = " + aliceImage + " ]\n"));
    }

    @Test
    public void aMissingImageIsAnAllocateError() throws Exception {
        OneResult r = fx.as("bob", "one.vm.allocate", VM + "DISK = [ IMAGE_ID = 4242 ]\n");
        assertEquals(ErrorCode.INTERNAL, r.code());
        assertEquals("[VirtualMachineAllocate] Error allocating a new virtual machine. Image 4242 does not exist", r.value());
        r = fx.as("bob", "one.vm.allocate", VM + "DISK = [ IMAGE = \"private-os\" ]\n"); // bob has no image of that name
        assertEquals("[VirtualMachineAllocate] Error allocating a new virtual machine. Image private-os does not exist",
                r.value());
    }
}
