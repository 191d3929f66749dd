package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.cloud.vmtest.ApiCloud;
import eu.stratuslab.cloud.vmtest.PrivateNodeCloud;
import eu.stratuslab.cloud.vmtest.OneXml;
import eu.stratuslab.vmm.DomainStatus;
import eu.stratuslab.vmm.HypervisorDriver;
import eu.stratuslab.xmlrpc.OneResult;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Issue 3 end to end through the XML-RPC method registry: VMs allocated by oneadmin and by an
 * ordinary user are placed by the scheduler (no one.vm.deploy), really run as domains of a
 * private libvirt test node, are monitored, shut down to DONE, and leave nothing behind.
 */
public class VmLifecycleApiTest {
    private static final String DEMO = "demo:demo-pw";
    private static final String PLAIN = "CPU = 1\nVCPU = 1\nMEMORY = 128\nNIC = [ NETWORK = public, NETWORK_UNAME = oneadmin ]\n";

    @Rule
    public final PrivateNodeCloud env = new PrivateNodeCloud();
    private final TemporaryFolder tmp = env.tmp;
    private ApiCloud cloud;
    private HypervisorDriver node;
    private String uri;
    private int hid;

    @Before
    public void start() throws Exception {
        cloud = env.cloud();
        uri = env.nodeUri();
        hid = env.hostId();
        cloud.id(ApiCloud.ADMIN, "one.user.allocate", "demo", "demo-pw", "core");
        node = env.nodeObserver();
    }

    @Test
    public void vmsOfAdminAndUserRunAndShutDownWithoutDeployCall() throws Exception {
        Path image = tmp.newFile("ttylinux.img").toPath();
        try (RandomAccessFile r = new RandomAccessFile(image.toFile(), "rw")) {
            r.setLength(2 * 1024 * 1024);
        }
        int admin = cloud.id(ApiCloud.ADMIN, "one.vm.allocate", PLAIN);
        int user = cloud.id(DEMO, "one.vm.allocate", PLAIN);
        int disk = cloud.id(ApiCloud.ADMIN, "one.vm.allocate", PLAIN + "DISK = [ SOURCE = \"" + image + "\", TARGET = vda ]\n");
        for (int id : List.of(admin, user, disk)) {
            cloud.awaitVm(id, 3, 3);
            OneXml vm = cloud.vm(id);
            assertEquals(uri, vm.get("/VM/HISTORY_RECORDS/HISTORY/HOSTNAME"));
            assertEquals("one-" + id, vm.get("/VM/DEPLOY_ID"));
            assertEquals(DomainStatus.State.RUNNING, node.status("one-" + id).state());
        }
        assertEquals("demo", cloud.vm(user).get("/VM/UNAME"));
        OneXml host = cloud.host(hid);
        assertEquals(2, host.getInt("/HOST/STATE"));
        assertEquals(300, host.getInt("/HOST/HOST_SHARE/CPU_USAGE"));
        assertEquals(3 * 128 * 1024, host.getLong("/HOST/HOST_SHARE/MEM_USAGE"));
        assertEquals(3, host.getInt("/HOST/HOST_SHARE/RUNNING_VMS"));

        for (int id : List.of(admin, user, disk)) {
            String session = id == user ? DEMO : ApiCloud.ADMIN;
            OneResult r = cloud.call(session, "one.vm.action", "shutdown", id);
            assertTrue(String.valueOf(r.value()), r.success());
        }
        for (int id : List.of(admin, user, disk)) {
            cloud.awaitVm(id, 6, 0);
        }
        host = cloud.host(hid);
        assertEquals(0, host.getInt("/HOST/HOST_SHARE/CPU_USAGE"));
        assertEquals(0, host.getLong("/HOST/HOST_SHARE/MEM_USAGE"));
        assertEquals(0, host.getInt("/HOST/HOST_SHARE/RUNNING_VMS"));
        assertEquals(Set.of(), node.listDomains());
        assertFalse(Files.exists(cloud.core.settings().varDir().resolve(disk + "/images/disk.0")));
    }

    @Test
    public void aMarketplaceImageWithoutReachableMarketplaceAndPdiskFailsClearly() throws Exception {
        // this test cloud has no pdisk and loopback port 9 has no listener: the prolog says what it could not reach
        int id = cloud.id(DEMO, "one.vm.allocate", PLAIN
                + "DISK = [ SOURCE = \"http://127.0.0.1:9/metadata/GJ5vp8gIxhZ1w1MQF19R6IIcS5X\", TARGET = vda ]\n");
        cloud.awaitVm(id, 7, 0);
        String message = cloud.vm(id).get("/VM/TEMPLATE/ERROR/MESSAGE");
        assertTrue(message, message.startsWith("prolog: cannot reach pdisk at http://127.0.0.1:9/pdisk: ")
                && !message.endsWith("null"));
        assertEquals(0, cloud.host(hid).getInt("/HOST/HOST_SHARE/RUNNING_VMS"));
        OneResult r = cloud.call(DEMO, "one.vm.action", "finalize", id);
        assertTrue(r.success());
        cloud.awaitVm(id, 6, 0);
    }

    @Test
    public void aGuestThatPowersItselfOffBecomesUnknownAtOnce() throws Exception {
        int id = cloud.id(ApiCloud.ADMIN, "one.vm.allocate", PLAIN);
        cloud.awaitVm(id, 3, 3);
        node.shutdown("one-" + id); // the test driver powers off at once, like a guest's own poweroff
        cloud.awaitVm(id, 3, 16);
        assertTrue(cloud.call(ApiCloud.ADMIN, "one.vm.action", "finalize", id).success());
        cloud.awaitVm(id, 6, 0);
        assertEquals(Set.of(), node.listDomains());
    }
}
