package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.stratuslab.cloud.vmtest.TestNodes;
import eu.stratuslab.core.testsupport.Await;
import eu.stratuslab.vmm.DeployIds;
import eu.stratuslab.vmm.DriverRegistry;
import eu.stratuslab.vmm.HypervisorDriver;
import eu.stratuslab.vmm.guest.BootableGuestImage;
import eu.stratuslab.vmm.guest.TinyGuest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

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
    private static final Duration BOOT = Duration.ofMinutes(4);
    private static final Duration DEPLOY = Duration.ofMinutes(2);
    private static final String KEY = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQRealGuestMarketplaceTestKey test@example";
    /**
     * The embedded networks bridge to br0..br2, which a CI node does not have (libvirt refuses the
     * domain: "Cannot get interface MTU on 'br0'"); the guests need no network, so they get none.
     */
    private static final String NO_NIC = "vm.allow_no_nic = true\nvm.default_network = no-network-for-real-guests\n";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private MarketplaceCloud cloud;
    private LoopbackImageServer images;
    private DriverRegistry observer;
    private final List<Integer> vms = new ArrayList<>();

    @After
    public void stop() throws Exception {
        try {
            if (cloud != null) {
                // The guest ignores ACPI: shutdown ends by the (short) shutdown timeout, the domain destroyed.
                for (int vm : vms) {
                    shutdownQuietly(vm);
                }
                for (int vm : vms) {
                    awaitGone(vm);
                }
            }
        } finally {
            if (cloud != null) {
                cloud.close();
            }
            if (images != null) {
                images.close();
            }
            if (observer != null) {
                observer.close();
            }
        }
    }

    private void shutdownQuietly(int vm) {
        try {
            String state = MarketplaceCloud.element(cloud.info(vm), "STATE");
            if ("3".equals(state)) {
                cloud.action("shutdown", vm);
            }
        } catch (Exception | AssertionError e) {
            // reported by awaitGone if the domain stays
        }
    }

    private void awaitGone(int vm) throws Exception {
        HypervisorDriver node = observer.driverFor("localhost", "vmm_kvm", Map.of());
        String domain = DeployIds.domainName(vm);
        Await.await("domain " + domain + " gone", DEPLOY, () -> {
            try {
                return !node.listDomains().contains(domain);
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static BootableGuestImage guest() {
        TestNodes.require(Files.exists(Path.of("/var/run/libvirt/libvirt-sock")) ? null
                : "libvirtd is not running (no /var/run/libvirt/libvirt-sock)");
        TestNodes.require(Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64")) ? null : "qemu-system-x86 is not installed");
        TestNodes.require(onPath("genisoimage") || onPath("xorriso") ? null : "genisoimage/xorriso is not installed");
        TestNodes.require(onPath("mformat") && onPath("mcopy") ? null : "mtools is not installed");
        try {
            return BootableGuestImage.prepare(TinyGuest.defaultCacheDir());
        } catch (Exception e) {
            TestNodes.require("cannot build the bootable guest image: " + e.getMessage());
            throw new AssertionError("unreachable");
        }
    }

    private static boolean onPath(String program) {
        return Stream.of((System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/sbin:/bin").split(":"))
                .filter(d -> !d.isEmpty()).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    private int allocate(String template) throws Exception {
        int id = cloud.allocate(template);
        vms.add(id);
        return id;
    }

    /** The guest's report once it printed its DONE line (carriage returns removed). */
    private List<String> awaitReport(int vm) throws Exception {
        Path serial = cloud.serialLog(vm);
        Await.await("VM " + vm + "'s guest report on " + serial, BOOT,
                () -> lines(serial).contains(BootableGuestImage.DONE_LINE), () -> tail(serial));
        return lines(serial);
    }

    private static List<String> lines(Path serial) {
        try {
            return Files.exists(serial) ? Arrays.asList(
                    Files.readString(serial, StandardCharsets.ISO_8859_1).replace("\r", "").split("\n")) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String tail(Path serial) {
        List<String> l = lines(serial);
        return String.join("\n", l.subList(Math.max(0, l.size() - 40), l.size()));
    }

    @Test
    public void theDemoUsersGuestReadsItsContextAndASecondVmHitsTheCacheAndCloudInitDeliversUserData()
            throws Exception {
        BootableGuestImage guest = guest();
        Path gz = guest.gzipTo(tmp.newFile("guest.img.gz").toPath());
        images = new LoopbackImageServer("guest.img.gz", Files.readAllBytes(gz));
        cloud = new MarketplaceCloud(tmp.newFolder("cloud").toPath(),
                "host.name = localhost\nvm.shutdown_timeout = 2\n" + NO_NIC);
        observer = new DriverRegistry();
        String id = cloud.publishByLocation(images.location(), "bootable test guest");
        int afterPublishing = images.downloads();

        String disk = "DISK = [ SOURCE = \"" + id + "\", TARGET = \"vda\" ]\n";
        int first = allocate("CPU = 0.5\nVCPU = 1\nMEMORY = 256\n" + disk
                + "CONTEXT = [ HOSTNAME = \"guest-one\", PUBLIC_KEY = \"" + KEY + "\", USER_COLOUR = \"blue\","
                + " TARGET = \"hdc\" ]\n");
        cloud.await(first, 3, DEPLOY);
        assertEquals("localhost", hostOf(first));
        List<String> report = awaitReport(first);
        assertTrue(report.toString(), report.contains("CONTEXT-INIT-EXIT=0"));
        assertTrue(report.toString(), report.contains(BootableGuestImage.HOSTNAME_PREFIX + "guest-one"));
        assertTrue(report.toString(), report.contains(BootableGuestImage.KEY_PREFIX + KEY));
        assertTrue(report.toString(), report.contains("CONTEXT-USER_COLOUR=blue"));
        assertEquals("pdisk downloaded the image once", afterPublishing + 1, images.downloads());

        int second = allocate("CPU = 0.5\nVCPU = 1\nMEMORY = 256\n" + disk);
        cloud.await(second, 3, DEPLOY);
        assertEquals("the second VM hit the cache", afterPublishing + 1, images.downloads());
        // Frees the CPU for the next guest: the guest ignores ACPI, the shutdown timeout destroys it.
        cloud.action("shutdown", second);
        cloud.await(second, 6, DEPLOY);
        cloud.action("shutdown", first);
        cloud.await(first, 6, DEPLOY);

        String userData = "#cloud-config\nhostname: guest-cloud-init\n";
        int third = allocate("CPU = 0.5\nVCPU = 1\nMEMORY = 256\n" + disk
                + "CONTEXT = [ CONTEXT_METHOD = \"cloud-init\", CLOUD_INIT_USER_DATA = \""
                + Base64.getEncoder().encodeToString(userData.getBytes(StandardCharsets.UTF_8))
                + "\", TARGET = \"hdc\" ]\n");
        cloud.await(third, 3, DEPLOY);
        List<String> cloudInit = awaitReport(third);
        String expected = "\"user-data\":" + new ObjectMapper().writeValueAsString(userData);
        assertTrue(cloudInit.toString(), cloudInit.stream()
                .anyMatch(l -> l.startsWith(BootableGuestImage.CLOUD_INIT_META_PREFIX) && l.contains(expected)));
        assertFalse(cloudInit.toString(), cloudInit.stream().anyMatch(l -> l.startsWith("CONTEXT-")));
        assertEquals("still one download", afterPublishing + 1, images.downloads());
    }

    private String hostOf(int vm) throws Exception {
        String doc = cloud.info(vm);
        int history = doc.indexOf("<HISTORY_RECORDS>");
        return MarketplaceCloud.element(doc.substring(Math.max(0, history)), "HOSTNAME");
    }
}
