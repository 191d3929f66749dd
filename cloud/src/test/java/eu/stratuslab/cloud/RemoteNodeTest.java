package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.cloud.vmtest.TestNodes;
import eu.stratuslab.pdisk.support.TgtDaemon;
import eu.stratuslab.vmm.DeployIds;
import eu.stratuslab.vmm.HypervisorDriver;
import eu.stratuslab.vmm.guest.BootableGuestImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.Rule;
import org.junit.Test;

/**
 * Issue 12 item 5: a host registered as a remote libvirt URI. The "node" is a second node on this
 * machine that {@code cloud/src/test/scripts/start-ssh-node.sh} starts (as {@code .ci/run} does): its own
 * sshd on loopback, the user {@code stratusnode} with a key-only login, its own VM directory and
 * its own libvirtd ({@code qemu+ssh://stratusnode@127.0.0.1:<port>/session}), which runs the qemu
 * guest as that user. The cloud's one host is that URI and {@code node.vm_dir} the node's directory.
 *
 * <p>The demo user's marketplace VM boots there from a copy of its snapshot and context image in the
 * node's VM directory; stop moves the directory back to the front-end and resume moves it out again
 * (the memory restored from the node's checkpoint); a hot-plugged volume is copied to the node, the
 * guest writes to it, and the detach writes it back into the pdisk volume; shutdown takes the
 * directory off the node and quarantines the front-end's.
 *
 * <p>Skips without the node unless STRATUSLAB_FULL_TESTS=1 (then fails).
 */
public class RemoteNodeTest {
    private static final Duration DEPLOY = RealGuestCloud.DEPLOY;
    private static final Path NODE_ENV = Path.of(System.getenv().getOrDefault("STRATUSLAB_SSH_NODE_STATE",
            "/var/lib/stratuslab-ssh-node"), "node.env");

    @Rule
    public final RealGuestCloud real = new RealGuestCloud();

    @Test
    public void aMarketplaceGuestBootsOnTheSshNodeAndItsDirectoryMovesWithStopResumeHotplugAndShutdown()
            throws Exception {
        Map<String, String> node = nodeEnv();
        Path nodeVmDir = Path.of(node.get("NODE_VM_DIR"));
        Path home = real.tmp.newFolder("cloud").toPath();
        MarketplaceCloud cloud = real.start(home, node.get("NODE_URI"), "node.vm_dir = " + nodeVmDir + "\n").cloud;
        String run = UUID.randomUUID().toString().substring(0, 8);
        String plugToken = "plug-" + run;

        int vm = real.allocate("CPU = 0.5\nVCPU = 1\nMEMORY = 256\n"
                + "DISK = [ SOURCE = \"" + real.image + "\", TARGET = \"vda\" ]\n"
                + "CONTEXT = [ HOSTNAME = \"remote-" + run + "\", TARGET = \"hdc\", "
                + BootableGuestImage.CONTEXT_MARK_HOTPLUG + " = \"" + plugToken + "\" ]\n");
        cloud.await(vm, 3, DEPLOY);
        String doc = cloud.info(vm);
        assertEquals(node.get("NODE_URI"), MarketplaceCloud.element(doc.substring(doc.indexOf("<HISTORY_RECORDS>")),
                "HOSTNAME").replace("&amp;", "&"));

        // the disks and the context image are files of the node user in the node's VM directory
        Path onNode = nodeVmDir.resolve(Integer.toString(vm));
        Path frontEnd = home.resolve("var/lib/one").resolve(Integer.toString(vm));
        for (String file : List.of("images/disk.0", "images/disk.1")) {
            Path p = onNode.resolve(file);
            assertTrue(p + " on the node", Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS));
            assertEquals(p.toString(), node.get("NODE_USER"), Files.getOwner(p).getName());
        }
        assertTrue("the front-end keeps the link to the snapshot",
                Files.isSymbolicLink(frontEnd.resolve("images/disk.0")));
        HypervisorDriver libvirt = real.node();
        String domain = DeployIds.domainName(vm);
        String xml = libvirt.domainXml(domain);
        assertTrue(xml, xml.contains("<source file='" + onNode.resolve("images/disk.0") + "'"));
        assertTrue(xml, xml.contains("<source file='" + onNode.resolve("images/disk.1") + "'"));
        Path serial = onNode.resolve("serial.log");
        List<String> report = RealGuestCloud.awaitLine(serial, "VM " + vm + " waiting for a hot-plugged disk",
                BootableGuestImage.HOTPLUG_WAITING_LINE::equals);
        assertTrue(report.toString(), report.contains("CONTEXT-INIT-EXIT=0"));
        assertTrue(report.toString(), report.contains(BootableGuestImage.HOSTNAME_PREFIX + "remote-" + run));

        // stop: the memory is saved on the node, then the directory moves to the front-end
        cloud.action("stop", vm);
        cloud.await(vm, 4, DEPLOY);
        assertFalse("the node's VM directory is gone after stop", Files.exists(onNode));
        assertTrue("the checkpoint is on the front-end", Files.isRegularFile(frontEnd.resolve("checkpoint")));
        assertFalse(libvirt.listDomains().contains(domain));

        // resume: the directory moves back to the node and the memory is restored there
        cloud.action("resume", vm);
        cloud.await(vm, 3, DEPLOY);
        assertTrue(libvirt.listDomains().contains(domain));
        assertTrue(Files.isRegularFile(onNode.resolve("images/disk.0")));
        assertFalse("the checkpoint moved", Files.exists(frontEnd.resolve("checkpoint")));
        assertFalse("the node's checkpoint is removed once restored", Files.exists(onNode.resolve("checkpoint")));

        // hot-plug: the volume is copied to the node, the resumed guest writes its marker into that copy,
        // the detach writes the copy back into the pdisk volume
        String volume = real.createVolume();
        real.hotPlug(volume, vm);
        Path copy = onNode.resolve("images/" + volume);
        assertTrue(copy + " on the node", Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS));
        assertTrue(libvirt.domainXml(domain), libvirt.domainXml(domain).contains("<source file='" + copy + "'"));
        Path volumeFile = frontEnd.resolve("images/" + volume).toRealPath();
        RealGuestCloud.awaitLine(serial, "the guest marking the hot-plugged disk",
                l -> l.startsWith(BootableGuestImage.VOLUME_WRITTEN_PREFIX) && l.endsWith(" " + plugToken));
        assertFalse("the volume is untouched while the node's copy is plugged", head(volumeFile).contains(plugToken));
        var detach = cloud.pdisk("demo", "DELETE", "disks/" + volume + "/mounts/" + volume + "_" + vm, null);
        assertEquals(detach.body(), 200, detach.statusCode());
        assertFalse("the node's copy is gone", Files.exists(copy));
        assertTrue("the guest's write reached the volume", head(volumeFile).contains(plugToken));

        // cold migration to a second host (the same node under another name, so another libvirt
        // connection): saved on the first, the directory comes back to the front-end and goes out again
        String second = node.get("NODE_URI").replace("@127.0.0.1:", "@localhost:");
        List<?> host = (List<?>) cloud.oneadmin.call("one.host.allocate", "x", second, "im_kvm", "vmm_kvm", "dummy",
                "tm_stratuslab");
        assertEquals(host.toString(), Boolean.TRUE, host.get(0));
        List<?> migrate = (List<?>) cloud.oneadmin.call("one.vm.migrate", "x", vm, host.get(1), false);
        assertEquals(migrate.toString(), Boolean.TRUE, migrate.get(0));
        cloud.await(vm, 3, DEPLOY);
        String afterMigration = cloud.info(vm);
        String records = afterMigration.substring(afterMigration.indexOf("<HISTORY_RECORDS>"));
        assertTrue(records, records.replace("&amp;", "&").contains(second));
        String vmLog = Files.readString(home.resolve("var/lib/one/log/" + vm + ".log"));
        assertEquals(vmLog, 3, occurrences(vmLog, "VM directory copied to " + onNode)); // deploy, resume, migrate
        assertEquals(vmLog, 2, occurrences(vmLog, "VM directory moved back from")); // stop, migrate
        assertTrue(libvirt.listDomains().contains(domain));
        assertTrue(Files.isRegularFile(onNode.resolve("images/disk.0")));
        assertFalse("the checkpoint moved", Files.exists(frontEnd.resolve("checkpoint")));
        assertFalse("the node's checkpoint is removed once restored", Files.exists(onNode.resolve("checkpoint")));

        // shutdown: the directory leaves the node; the front-end's goes to the quarantine
        cloud.action("shutdown", vm);
        cloud.await(vm, 6, DEPLOY);
        assertFalse("the node's VM directory is gone after the epilog", Files.exists(onNode));
        assertFalse(Files.exists(frontEnd));
        assertFalse(libvirt.listDomains().contains(domain));
    }

    /**
     * pdisk's iSCSI export (file volumes + a real tgtd on a loopback portal): the snapshot is not
     * copied, the node's qemu logs in to the LUN itself; only the context image is in the node's
     * directory. The guest boots from the LUN and reads its context; shutdown leaves nothing on the node.
     */
    @Test
    public void aGuestOnTheSshNodeBootsFromItsSnapshotOverIscsi() throws Exception {
        Map<String, String> node = nodeEnv();
        Path nodeVmDir = Path.of(node.get("NODE_VM_DIR"));
        Path storage = real.tmp.newFolder("storage").toPath();
        try (TgtDaemon tgtd = TgtDaemon.start(storage.resolve("tgtd.log"))) {
            Path home = real.tmp.newFolder("cloud").toPath();
            CloudSite.writeIscsiBackend(home, storage, tgtd);
            MarketplaceCloud cloud = real.start(home, node.get("NODE_URI"), "node.vm_dir = " + nodeVmDir + "\n").cloud;
            int vm = real.allocate("CPU = 0.5\nVCPU = 1\nMEMORY = 256\n"
                    + "DISK = [ SOURCE = \"" + real.image + "\", TARGET = \"vda\" ]\n"
                    + "CONTEXT = [ HOSTNAME = \"iscsi-remote\", TARGET = \"hdc\" ]\n");
            cloud.await(vm, 3, DEPLOY);
            Path onNode = nodeVmDir.resolve(Integer.toString(vm));
            assertFalse("the snapshot is not copied", Files.exists(onNode.resolve("images/disk.0")));
            assertTrue(Files.isRegularFile(onNode.resolve("images/disk.1"), LinkOption.NOFOLLOW_LINKS));
            String xml = real.node().domainXml(DeployIds.domainName(vm));
            assertTrue(xml, xml.contains("protocol='iscsi'") && xml.contains("port='" + tgtd.portalPort + "'"));
            List<String> report = RealGuestCloud.awaitReport(onNode.resolve("serial.log"), vm);
            assertTrue(report.toString(), report.contains("CONTEXT-INIT-EXIT=0"));
            assertTrue(report.toString(), report.contains(BootableGuestImage.HOSTNAME_PREFIX + "iscsi-remote"));

            cloud.action("shutdown", vm);
            cloud.await(vm, 6, DEPLOY);
            assertFalse(Files.exists(onNode));
            real.close(); // before tgtd goes: the cloud unexports its volumes
        }
    }

    /** The node written by start-ssh-node.sh; skips (fails under STRATUSLAB_FULL_TESTS=1) without it. */
    private static Map<String, String> nodeEnv() throws IOException {
        TestNodes.require(Files.isRegularFile(NODE_ENV) ? null
                : "no ssh test node (" + NODE_ENV + "): run cloud/src/test/scripts/start-ssh-node.sh as root");
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(NODE_ENV)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    private static int occurrences(String text, String what) {
        return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }

    private static String head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(64), StandardCharsets.ISO_8859_1);
        }
    }
}
