package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import eu.stratuslab.core.testsupport.Await;
import eu.stratuslab.vmm.guest.BootableGuestImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

/**
 * Issue 10 item 7 on a real guest (qemu TCG on {@code qemu:///system}, the cloud as
 * {@code ./stratuslab up} starts it, the demo user through the one-proxy and pdisk's REST API).
 *
 * <p>The first VM boots a marketplace image with {@code SAVE = yes} on DISK 0 and a pdisk data
 * volume at boot; a second volume is hot-plugged through pdisk's mounts API while it runs. Its
 * context (user variables of the CONTEXT, read by the shipped init.sh) tells the guest's /init what
 * to write: a marker at byte 0 of the data disk present at boot, one at byte 0 of the disk that
 * appears later (the guest polls /sys/block), and a "file" on its root disk. The guest prints every
 * device it sees and what it wrote on the serial console; the test waits on that log with a
 * deadline.
 *
 * <p>The root "file": the guest's root file system is its initramfs, which no disk backs, so a file
 * written there would be lost by design. What the guest writes instead is the file
 * {@code /stratuslab-marker} of its boot disk's ISO 9660 file system, overwritten in place through
 * the block device at the byte offset the test computed from the published image (a file system
 * the guest kernel only mounts read-only). That is a real guest write into the VM's copy-on-write
 * snapshot, which the save-as epilog must carry into the new image.
 *
 * <p>After shutdown (the guest ignores ACPI: the short shutdown timeout destroys the domain, after
 * the guest fsync'ed its writes), the {@code MARKETPLACE_AND_IMAGEID} line of the VM log names the
 * new image. A second VM boots that id with both volumes attached at boot: its guest reads the root
 * file (ROOTDISK-MARKER) and both volume markers. Save and volumes are checked on one pair of VMs
 * because each TCG boot costs tens of seconds; a save with data volumes attached is also the case
 * that exercises the epilog's ordering (root volume first in the registration file).
 *
 * <p>Both VMs' root snapshots are quarantined at shutdown (owner pdisk, a stamp); the cleanup
 * (quarantine.cfg: a 10-second period) deletes them after the period, while the user's two volumes,
 * the saved image and the cached image are still there, the user's own.
 *
 * <p>Skips without libvirtd, qemu or the guest image's tools unless STRATUSLAB_FULL_TESTS=1.
 */
public class RealGuestDataAndSaveTest {
    private static final Duration DEPLOY = RealGuestCloud.DEPLOY;
    private static final Pattern IMAGE_LINE = Pattern.compile("MARKETPLACE_AND_IMAGEID (\\S+) ([A-Za-z0-9_-]{27})$");
    /** The quarantine period of the test (quarantine.cfg), the cleanup running every second. */
    private static final int QUARANTINE_SECONDS = 10;

    @Rule
    public final RealGuestCloud real = new RealGuestCloud();
    private MarketplaceCloud cloud;

    @Test
    public void markersOnABootAndAHotPluggedVolumeAndOnTheSavedRootDiskAreSeenByTheNextVm() throws Exception {
        Path home = real.tmp.newFolder("cloud").toPath();
        Files.createDirectories(home.resolve("etc/stratuslab"));
        Files.writeString(home.resolve("etc/stratuslab/quarantine.cfg"), "PERIOD = " + QUARANTINE_SECONDS + "s\n"
                + "LOCATION = " + home.resolve("var/lib/one/quarantine") + "\nCLEANUP_INTERVAL = 1s\n");
        cloud = real.start(home).cloud;
        BootableGuestImage guest = real.guest;
        String image = real.image;
        String atBoot = real.createVolume();
        String plugged = real.createVolume();
        String pdisk = cloud.launcher.endpoints().get("pdisk");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String bootToken = "boot-" + run;
        String plugToken = "plug-" + run;
        String rootToken = "saved-" + run;

        int first = real.allocate("CPU = 0.5\nVCPU = 1\nMEMORY = 256\n"
                + "DISK = [ SOURCE = \"" + image + "\", TARGET = \"vda\", SAVE = \"yes\" ]\n"
                + "DISK = [ SOURCE = \"pdisk:" + pdisk + "/" + atBoot + "\", TARGET = \"vdb\" ]\n"
                + "CREATE_IMAGE = [ NEWIMAGE_TITLE = \"guest with a file\", NEWIMAGE_COMMENT = \"item 7\" ]\n"
                + "CONTEXT = [ HOSTNAME = \"saver\", TARGET = \"hdc\", "
                + BootableGuestImage.CONTEXT_MARK_BOOT_DISKS + " = \"" + bootToken + "\", "
                + BootableGuestImage.CONTEXT_MARK_HOTPLUG + " = \"" + plugToken + "\", "
                + BootableGuestImage.CONTEXT_ROOT_MARKER + " = \"" + rootToken + "\", "
                + BootableGuestImage.CONTEXT_ROOT_MARKER_OFFSET + " = \"" + guest.markerSlotOffset() + "\" ]\n");
        cloud.await(first, 3, DEPLOY);
        Path serial = cloud.serialLog(first);
        List<String> report = RealGuestCloud.awaitLine(serial, "VM " + first + " waiting for a hot-plugged disk",
                BootableGuestImage.HOTPLUG_WAITING_LINE::equals);
        assertTrue(report.toString(), report.contains("CONTEXT-INIT-EXIT=0"));
        // the guest sees exactly one data disk at boot, blank, and marks it; its root slot is written
        List<String> seen = report.stream().filter(l -> l.startsWith(BootableGuestImage.VOLUME_SEEN_PREFIX)).toList();
        assertEquals(report.toString(), List.of(BootableGuestImage.VOLUME_SEEN_PREFIX + "vdb -"), seen);
        assertTrue(report.toString(), report.contains(BootableGuestImage.VOLUME_WRITTEN_PREFIX + "vdb " + bootToken));
        assertTrue(report.toString(), report.contains(BootableGuestImage.ROOT_WRITTEN_PREFIX + rootToken));

        real.hotPlug(plugged, first);
        List<String> afterPlug = RealGuestCloud.awaitLine(serial, "the guest marking the hot-plugged disk",
                l -> l.startsWith(BootableGuestImage.VOLUME_WRITTEN_PREFIX) && l.endsWith(" " + plugToken));
        String pluggedDevice = afterPlug.stream()
                .filter(l -> l.startsWith(BootableGuestImage.VOLUME_WRITTEN_PREFIX) && l.endsWith(" " + plugToken))
                .findFirst().orElseThrow().substring(BootableGuestImage.VOLUME_WRITTEN_PREFIX.length()).split(" ")[0];
        assertNotEquals("the hot-plugged disk is a new device in the guest", "vdb", pluggedDevice);
        assertTrue(afterPlug.toString(), afterPlug.contains(BootableGuestImage.VOLUME_SEEN_PREFIX + pluggedDevice + " -"));
        assertEquals(1, real.mountCount(atBoot));
        assertEquals(1, real.mountCount(plugged));
        List<String> firstSnapshots = snapshots();
        assertEquals("the root disk's snapshot: " + firstSnapshots, 1, firstSnapshots.size());

        cloud.action("shutdown", first);
        cloud.await(first, 6, DEPLOY);
        String newImage = newImageId(first);
        assertTrue("quarantined at shutdown", real.disk(firstSnapshots.get(0)).has("quarantine"));
        assertNotEquals(image, newImage);
        assertEquals("no mount left after the epilog", 0, real.mountCount(atBoot));
        assertEquals("no mount left after the epilog", 0, real.mountCount(plugged));
        assertEquals("demo", real.disk(atBoot).get("owner").asText());
        assertEquals("demo", real.disk(plugged).get("owner").asText());

        int second = real.allocate("CPU = 0.5\nVCPU = 1\nMEMORY = 256\n"
                + "DISK = [ SOURCE = \"" + newImage + "\", TARGET = \"vda\" ]\n"
                + "DISK = [ SOURCE = \"pdisk:" + pdisk + "/" + atBoot + "\", TARGET = \"vdb\" ]\n"
                + "DISK = [ SOURCE = \"pdisk:" + pdisk + "/" + plugged + "\", TARGET = \"vdc\" ]\n"
                + "CONTEXT = [ HOSTNAME = \"reader\", TARGET = \"hdc\" ]\n");
        cloud.await(second, 3, DEPLOY);
        List<String> read = real.awaitReport(second);
        assertTrue("the saved image carries the file the first guest wrote: " + read,
                read.contains(BootableGuestImage.ROOT_MARKER_PREFIX + rootToken));
        List<String> markers = read.stream().filter(l -> l.startsWith(BootableGuestImage.VOLUME_SEEN_PREFIX))
                .map(l -> l.substring(l.indexOf(' ') + 1)).sorted().toList();
        assertEquals(read.toString(), List.of(bootToken, plugToken), markers);
        assertEquals(1, real.mountCount(atBoot));
        assertEquals(1, real.mountCount(plugged));
        List<String> secondSnapshots = new ArrayList<>(snapshots());
        secondSnapshots.removeAll(firstSnapshots);
        assertEquals(secondSnapshots.toString(), 1, secondSnapshots.size());

        // the quarantine: the snapshots go to pdisk with a stamp, and after the period they are gone;
        // the user's volumes, the saved image and the cached image stay
        cloud.action("shutdown", second);
        cloud.await(second, 6, DEPLOY);
        List<String> quarantined = new ArrayList<>(firstSnapshots);
        quarantined.addAll(secondSnapshots);
        JsonNode stamped = real.disk(secondSnapshots.get(0));
        assertEquals("pdisk", stamped.get("owner").asText());
        assertTrue(stamped.toString(), stamped.has("quarantine"));
        Await.await("the cleanup to delete the snapshots " + quarantined + " after " + QUARANTINE_SECONDS + " s",
                Duration.ofSeconds(QUARANTINE_SECONDS + 60), () -> {
                    try {
                        return cloud.pdiskDisks().stream().noneMatch(d -> quarantined.contains(d.get("uuid").asText()));
                    } catch (Exception e) {
                        return false;
                    }
                });
        for (String own : List.of(atBoot, plugged)) {
            JsonNode d = real.disk(own);
            assertEquals("demo", d.get("owner").asText());
            assertTrue(d.toString(), !d.has("quarantine"));
            assertEquals(0, real.mountCount(own));
        }
        List<JsonNode> origins = cloud.pdiskDisks().stream()
                .filter(d -> "MACHINE_IMAGE_ORIGIN".equals(d.get("type").asText())).toList();
        assertTrue(origins.toString(), origins.stream().anyMatch(d -> d.get("identifier").asText().equals(image)));
        assertTrue(origins.toString(), origins.stream().anyMatch(d -> d.get("identifier").asText().equals(newImage)
                && d.get("owner").asText().equals("demo")));
    }

    /** The live snapshots (of marketplace images) that exist now. */
    private List<String> snapshots() throws Exception {
        return cloud.pdiskDisks().stream().filter(d -> "MACHINE_IMAGE_LIVE".equals(d.get("type").asText()))
                .map(d -> d.get("uuid").asText()).toList();
    }

    private String newImageId(int vm) throws IOException {
        Path log = cloud.home.resolve("var/lib/one/log/" + vm + ".log");
        for (String line : Files.readAllLines(log)) {
            Matcher m = IMAGE_LINE.matcher(line);
            if (m.find()) {
                return m.group(2);
            }
        }
        throw new AssertionError("no MARKETPLACE_AND_IMAGEID line in " + log + ":\n" + Files.readString(log));
    }
}
