package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.stratuslab.core.testsupport.Await;
import eu.stratuslab.vmm.DeployIds;
import eu.stratuslab.vmm.HypervisorDriver;
import eu.stratuslab.vmm.domain.DomainXml;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.Rule;
import org.junit.Test;

/**
 * Issue 10's volumes on a real guest: the cloud as {@code ./stratuslab up} starts it, its host
 * {@code localhost} on the local libvirtd ({@code qemu:///system}, TCG). The demo user's VM boots
 * a marketplace image with a pdisk volume; a second volume attached through pdisk's mounts API is in
 * the live description qemu's libvirtd reports (the device is in the guest); detaching it through
 * pdisk takes it out of the live domain; after shutdown no mount is left.
 *
 * <p>Skips without libvirtd, qemu or the guest image's tools unless STRATUSLAB_FULL_TESTS=1.
 */
public class RealGuestVolumesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEPLOY = RealGuestCloud.DEPLOY;

    @Rule
    public final RealGuestCloud real = new RealGuestCloud();
    private MarketplaceCloud cloud;

    @Test
    public void aVolumeAtBootAndAHotPluggedOneAreInTheLiveQemuDomain() throws Exception {
        cloud = real.start(real.tmp.newFolder("cloud").toPath()).cloud;
        String image = real.image;
        String atBoot = real.createVolume();
        String plugged = real.createVolume();
        String pdisk = cloud.launcher.endpoints().get("pdisk");

        int vm = real.allocate("CPU = 0.5\nVCPU = 1\nMEMORY = 256\n"
                + "DISK = [ SOURCE = \"" + image + "\", TARGET = \"vda\" ]\n"
                + "DISK = [ SOURCE = \"pdisk:" + pdisk + "/" + atBoot + "\", TARGET = \"vdb\" ]\n");
        cloud.await(vm, 3, DEPLOY);
        real.awaitReport(vm);
        HypervisorDriver node = real.node();
        String domain = DeployIds.domainName(vm);
        assertEquals(1, real.mountCount(atBoot));
        assertTrue(node.domainXml(domain), DomainDisks.element(node.domainXml(domain), "vdb") != null);

        HttpResponse<String> attach = real.hotPlug(plugged, vm);
        assertEquals("vdz", JSON.readTree(attach.body()).get("target").asText());
        String vdz = DomainDisks.element(node.domainXml(domain), "vdz");
        assertTrue(node.domainXml(domain), vdz != null && vdz.contains("/images/" + plugged));
        assertEquals(1, real.mountCount(plugged));

        HttpResponse<String> detach = cloud.pdisk("demo", "DELETE", "disks/" + plugged + "/mounts/" + plugged + "_" + vm,
                null);
        assertEquals(detach.body(), 200, detach.statusCode());
        assertEquals(0, real.mountCount(plugged));
        Await.await("vdz out of the live domain", DEPLOY, () -> {
            try {
                return !DomainXml.diskTargets(node.domainXml(domain)).contains("vdz");
            } catch (Exception e) {
                return false;
            }
        });

        cloud.action("shutdown", vm);
        cloud.await(vm, 6, DEPLOY);
        assertEquals(0, real.mountCount(atBoot));
        assertEquals(0, real.mountCount(plugged));
    }
}
