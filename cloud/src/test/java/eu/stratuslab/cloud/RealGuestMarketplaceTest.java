package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.stratuslab.vmm.guest.BootableGuestImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;

/**
 * Issue 9 item 8, the real guest: the cloud as {@code ./stratuslab up} starts it, with its host
 * {@code localhost} on the local libvirtd ({@code qemu:///system}, TCG without /dev/kvm). A
 * bootable image, gzip-compressed and served over HTTP on loopback, is published by location to
 * the embedded marketplace; the demo user runs it by id through the one-proxy with a CONTEXT, and
 * the guest's serial console shows the hostname, the public key and the user variable as the
 * shipped init.sh read them from the context CD. A second VM of the image hits pdisk's cache (the
 * image server sees no second download); a cloud-init VM's guest reads its user data from the
 * VFAT context disk.
 *
 * <p>Skips without libvirtd, qemu or the guest image's tools unless STRATUSLAB_FULL_TESTS=1.
 */
public class RealGuestMarketplaceTest {
    private static final Duration DEPLOY = RealGuestCloud.DEPLOY;
    private static final String KEY = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQRealGuestMarketplaceTestKey test@example";

    @Rule
    public final RealGuestCloud real = new RealGuestCloud();
    private MarketplaceCloud cloud;

    @Test
    public void theDemoUsersGuestReadsItsContextAndASecondVmHitsTheCacheAndCloudInitDeliversUserData()
            throws Exception {
        cloud = real.start(real.tmp.newFolder("cloud").toPath()).cloud;
        LoopbackImageServer images = real.images;
        String id = real.image;
        int afterPublishing = images.downloads();

        String disk = "DISK = [ SOURCE = \"" + id + "\", TARGET = \"vda\" ]\n";
        int first = real.allocate("CPU = 0.5\nVCPU = 1\nMEMORY = 256\n" + disk
                + "CONTEXT = [ HOSTNAME = \"guest-one\", PUBLIC_KEY = \"" + KEY + "\", USER_COLOUR = \"blue\","
                + " TARGET = \"hdc\" ]\n");
        cloud.await(first, 3, DEPLOY);
        assertEquals("localhost", hostOf(first));
        List<String> report = real.awaitReport(first);
        assertTrue(report.toString(), report.contains("CONTEXT-INIT-EXIT=0"));
        assertTrue(report.toString(), report.contains(BootableGuestImage.HOSTNAME_PREFIX + "guest-one"));
        assertTrue(report.toString(), report.contains(BootableGuestImage.KEY_PREFIX + KEY));
        assertTrue(report.toString(), report.contains("CONTEXT-USER_COLOUR=blue"));
        assertEquals("pdisk downloaded the image once", afterPublishing + 1, images.downloads());

        int second = real.allocate("CPU = 0.5\nVCPU = 1\nMEMORY = 256\n" + disk);
        cloud.await(second, 3, DEPLOY);
        assertEquals("the second VM hit the cache", afterPublishing + 1, images.downloads());
        // Frees the CPU for the next guest: the guest ignores ACPI, the shutdown timeout destroys it.
        cloud.action("shutdown", second);
        cloud.await(second, 6, DEPLOY);
        cloud.action("shutdown", first);
        cloud.await(first, 6, DEPLOY);

        String userData = "#cloud-config\nhostname: guest-cloud-init\n";
        int third = real.allocate("CPU = 0.5\nVCPU = 1\nMEMORY = 256\n" + disk
                + "CONTEXT = [ CONTEXT_METHOD = \"cloud-init\", CLOUD_INIT_USER_DATA = \""
                + Base64.getEncoder().encodeToString(userData.getBytes(StandardCharsets.UTF_8))
                + "\", TARGET = \"hdc\" ]\n");
        cloud.await(third, 3, DEPLOY);
        List<String> cloudInit = real.awaitReport(third);
        String expected = "\"user-data\":" + new ObjectMapper().writeValueAsString(userData);
        assertTrue(cloudInit.toString(), cloudInit.stream()
                .anyMatch(l -> l.startsWith(BootableGuestImage.CLOUD_INIT_META_PREFIX) && l.contains(expected)));
        assertFalse(cloudInit.toString(), cloudInit.stream().anyMatch(l -> l.startsWith("CONTEXT-")));
        assertEquals("still one download", afterPublishing + 1, images.downloads());

        // the image is cached; a policy.cfg written now that blacklists it fails the next VM (policy at every deployment)
        Files.writeString(cloud.home.resolve("etc/stratuslab/policy.cfg"), "[images]\nblacklistimages =\n " + id + "\n");
        int refused = real.allocate("CPU = 0.5\nVCPU = 1\nMEMORY = 256\n" + disk);
        cloud.await(refused, 7, DEPLOY);
        assertEquals("prolog: Image isn't valid according to site policy (" + id + ")",
                MarketplaceCloud.element(cloud.info(refused), "MESSAGE"));
        assertEquals("nothing downloaded for the refused VM", afterPublishing + 1, images.downloads());
    }

    private String hostOf(int vm) throws Exception {
        String doc = cloud.info(vm);
        int history = doc.indexOf("<HISTORY_RECORDS>");
        return MarketplaceCloud.element(doc.substring(Math.max(0, history)), "HOSTNAME");
    }
}
