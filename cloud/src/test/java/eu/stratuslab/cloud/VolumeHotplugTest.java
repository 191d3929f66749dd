package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import eu.stratuslab.cloud.vmtest.ApiCloud;
import eu.stratuslab.cloud.vmtest.PrivateNodeCloud;
import eu.stratuslab.core.transfer.HotplugException;
import eu.stratuslab.core.transfer.VolumeHotplug;
import eu.stratuslab.vmm.HypervisorDriver;
import eu.stratuslab.vmm.domain.DomainXml;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The VM manager's hot-plug (pdisk-api.md §11.3) on a libvirt test host: a volume reaches the
 * running domain on the first candidate device the domain does not use, linked in the VM's
 * {@code images/} and listed in its registration file; read-only volumes are read-only in the guest;
 * VMs that are not RUNNING, unknown or someone else's are refused and nothing changes; detach
 * takes it all back.
 */
public class VolumeHotplugTest {
    private static final String ALICE = "alice:alice-pw";
    private static final String VM = "CPU = 1\nVCPU = 1\nMEMORY = 64\n"
            + "NIC = [ NETWORK = public, NETWORK_UNAME = oneadmin ]\n"
            + "DISK = [ TYPE = fs, SIZE = 1, FORMAT = raw, TARGET = vda ]\n";
    private static final VolumeHotplug.Caller AS_ALICE = new VolumeHotplug.Caller(Set.of("alice"), false);
    private static final List<String> FROM_VDZ = List.of("vdz", "vdy", "vdx");

    @Rule
    public final PrivateNodeCloud env = new PrivateNodeCloud(8);
    private final TemporaryFolder tmp = env.tmp;
    private ApiCloud cloud;
    private String hostName;
    private VolumeHotplug hotplug;

    @Before
    public void start() {
        cloud = env.cloud();
        hostName = env.nodeUri();
        cloud.id(ApiCloud.ADMIN, "one.user.allocate", "alice", "alice-pw", "core");
        cloud.id(ApiCloud.ADMIN, "one.user.allocate", "bob", "bob-pw", "core");
        hotplug = cloud.manager.volumeHotplug();
    }

    private int runningVm(String session) {
        int id = cloud.id(session, "one.vm.allocate", VM);
        cloud.awaitVm(id, 3, 3);
        return id;
    }

    private VolumeHotplug.Volume volume(String name, boolean readOnly) throws Exception {
        Path file = tmp.getRoot().toPath().resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(1024 * 1024);
        }
        return new VolumeHotplug.Volume(name, "pdisk://127.0.0.1:8445/pdisk/" + name, "file://" + file, readOnly);
    }

    private HypervisorDriver driver() throws Exception {
        return cloud.core.drivers().driverFor(hostName, "vmm_kvm", Map.of());
    }

    private String domainXml(int id) throws Exception {
        return driver().domainXml("one-" + id);
    }

    private Path vmDir(int id) {
        return cloud.core.settings().varDir().resolve(Integer.toString(id));
    }

    private List<String> registered(int id) throws Exception {
        return new eu.stratuslab.core.transfer.RegistrationFile(vmDir(id).resolve("pdisk")).uris();
    }

    @Test
    public void aVolumeReachesTheRunningDomainOnTheNextFreeDeviceAndDetachTakesItBack() throws Exception {
        int id = runningVm(ALICE);
        assertEquals(List.of("vda"), DomainXml.diskTargets(domainXml(id)));
        VolumeHotplug.Volume data = volume("data-1", false);
        VolumeHotplug.Volume shared = volume("shared-1", true);

        assertEquals("vdz", hotplug.attach(AS_ALICE, Integer.toString(id), data, FROM_VDZ));
        // the domain already uses vdz: the next candidate is taken, whatever pdisk believed free
        assertEquals("vdy", hotplug.attach(AS_ALICE, Integer.toString(id), shared, FROM_VDZ));

        String xml = domainXml(id);
        assertEquals(Set.of("vda", "vdz", "vdy"), Set.copyOf(DomainXml.diskTargets(xml))); // libvirt orders them
        String vdz = DomainDisks.element(xml, "vdz");
        assertTrue(xml, vdz.contains(vmDir(id).resolve("images/data-1").toString()));
        assertFalse(vdz, vdz.contains("<readonly"));
        assertTrue(xml, DomainDisks.element(xml, "vdy").contains("<readonly"));
        assertEquals(tmp.getRoot().toPath().resolve("data-1"), Files.readSymbolicLink(vmDir(id).resolve("images/data-1")));
        assertEquals(List.of(data.pdiskUri(), shared.pdiskUri()), registered(id));

        hotplug.detach(Integer.toString(id), data, "vdz");
        assertEquals(Set.of("vda", "vdy"), Set.copyOf(DomainXml.diskTargets(domainXml(id))));
        assertFalse(Files.exists(vmDir(id).resolve("images/data-1"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals(List.of(shared.pdiskUri()), registered(id));
        assertTrue("the volume itself is untouched", Files.exists(tmp.getRoot().toPath().resolve("data-1")));
    }

    @Test
    public void vmsThatAreNotRunningUnknownOrSomeoneElsesAreRefusedAndNothingChanges() throws Exception {
        VolumeHotplug.Volume v = volume("data-2", false);
        int running = runningVm(ALICE);
        String before = domainXml(running);

        refused(HotplugException.Reason.FORBIDDEN, "VM " + running + " does not belong to you",
                new VolumeHotplug.Caller(Set.of("bob"), false), Integer.toString(running), v);
        refused(HotplugException.Reason.UNKNOWN_VM, "VM 999 does not exist", AS_ALICE, "999", v);
        refused(HotplugException.Reason.UNKNOWN_VM, "VM abc does not exist", AS_ALICE, "abc", v);
        assertEquals(before, domainXml(running));
        assertEquals(List.of(), registered(running));

        int pending = cloud.id(ALICE, "one.vm.allocate", VM + "REQUIREMENTS = \"HOSTNAME = \\\"nowhere\\\"\"\n");
        cloud.awaitVm(pending, 1, 0);
        refused(HotplugException.Reason.CONFLICT, "VM " + pending + " is not running (PENDING)", AS_ALICE,
                Integer.toString(pending), v);

        int stopped = runningVm(ALICE);
        assertTrue(cloud.call(ALICE, "one.vm.action", "stop", stopped).success());
        cloud.awaitVm(stopped, 4, 0);
        refused(HotplugException.Reason.CONFLICT, "VM " + stopped + " is not running (STOPPED)", AS_ALICE,
                Integer.toString(stopped), v);

        int done = runningVm(ALICE);
        assertTrue(cloud.call(ALICE, "one.vm.action", "shutdown", done).success());
        cloud.awaitVm(done, 6, 0);
        refused(HotplugException.Reason.CONFLICT, "VM " + done + " is not running (DONE)", AS_ALICE,
                Integer.toString(done), v);
        for (int id : new int[] {pending, stopped, done}) {
            assertEquals(List.of(), registered(id));
            assertFalse(Files.exists(vmDir(id).resolve("images/data-2"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        }

        // pdisk's superuser may plug into any VM
        assertEquals("vdz", hotplug.attach(new VolumeHotplug.Caller(Set.of("pdisk"), true), Integer.toString(running),
                v, FROM_VDZ));
    }

    @Test
    public void aMissingVolumeFileOrANodeWithoutItsTransportFailsCleanly() throws Exception {
        int id = runningVm(ALICE);
        String before = domainXml(id);
        VolumeHotplug.Volume gone = new VolumeHotplug.Volume("gone", "pdisk://h/pdisk/gone",
                "file://" + tmp.getRoot().toPath().resolve("gone"), false);
        refused(HotplugException.Reason.FAILED, "volume file " + tmp.getRoot().toPath().resolve("gone")
                + " does not exist on this node", AS_ALICE, Integer.toString(id), gone);
        VolumeHotplug.Volume iscsi = new VolumeHotplug.Volume("x", "pdisk://h/pdisk/x",
                "iscsi://127.0.0.1:3260/iqn.2011-01.eu.stratuslab:x:1", false);
        try {
            hotplug.attach(AS_ALICE, Integer.toString(id), iscsi, FROM_VDZ);
            fail("an iSCSI volume cannot be attached on this node");
        } catch (HotplugException e) {
            assertEquals(HotplugException.Reason.FAILED, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("the iscsi transport needs the node tool"));
        }
        assertEquals(before, domainXml(id));
        assertEquals(List.of(), registered(id));
    }

    private void refused(HotplugException.Reason reason, String message, VolumeHotplug.Caller caller, String vmId,
                         VolumeHotplug.Volume v) {
        try {
            hotplug.attach(caller, vmId, v, FROM_VDZ);
            fail("attach to VM " + vmId + " should be refused");
        } catch (HotplugException e) {
            assertEquals(message, e.getMessage());
            assertEquals(reason, e.reason());
        }
    }
}
