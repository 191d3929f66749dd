package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.stratuslab.cloud.vmtest.TestNodes;
import eu.stratuslab.core.testsupport.Await;
import eu.stratuslab.vmm.DeployIds;
import eu.stratuslab.vmm.DriverRegistry;
import eu.stratuslab.vmm.HypervisorDriver;
import eu.stratuslab.vmm.guest.BootableGuestImage;
import eu.stratuslab.vmm.guest.TinyGuest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.TestRule;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

/**
 * What the real-guest tests share: the cloud as {@code ./stratuslab up} starts it with its host
 * {@code localhost} on the local libvirtd ({@code qemu:///system}, TCG), the bootable guest image
 * published by location from a loopback HTTP server, the demo user's VMs, the guest's serial console
 * and the teardown that leaves no TCG guest running on the shared libvirtd.
 *
 * <p>As a test rule it gives the test a temporary folder ({@link #tmp}) and closes itself after the
 * test, before the folder is deleted. {@link #guest()} skips (or fails with STRATUSLAB_FULL_TESTS=1)
 * without libvirtd, qemu or the guest image's tools.
 */
final class RealGuestCloud implements TestRule, AutoCloseable {
    static final Duration BOOT = Duration.ofMinutes(4);
    static final Duration DEPLOY = Duration.ofMinutes(2);
    /**
     * The embedded networks bridge to br0..br2, which a CI node does not have (libvirt refuses the
     * domain: "Cannot get interface MTU on 'br0'"); the guests need no network, so they get none.
     */
    static final String NO_NIC = "vm.allow_no_nic = true\nvm.default_network = no-network-for-real-guests\n";
    /** cloud.cfg for a real guest: its host is the local libvirtd; the guest ignores ACPI, a short timeout destroys it. */
    static final String CONFIG = "host.name = localhost\nvm.shutdown_timeout = 2\n" + NO_NIC;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The test's scratch site, whose folder outlives the cloud. */
    private final CloudSite site = new CloudSite();
    final TemporaryFolder tmp = site.tmp();
    BootableGuestImage guest;
    LoopbackImageServer images;
    MarketplaceCloud cloud;
    /** The marketplace id of the published guest image. */
    String image;
    private DriverRegistry observer;
    /** The cloud's one host: {@code localhost}, or a remote node's libvirt URI ({@link #start(Path, String, String)}). */
    private String hostName = "localhost";
    private final List<Integer> vms = new ArrayList<>();

    RealGuestCloud() {
        site.closeAtEnd(this);
    }

    /**
     * Builds the guest image (or skips), serves it gzip-compressed on loopback, starts the cloud on
     * {@code home} and publishes the image by location.
     */
    RealGuestCloud start(Path home) throws Exception {
        return start(home, "localhost", "");
    }

    /**
     * As {@link #start(Path)} with the cloud's one host named {@code hostName} (a libvirt URI for a
     * remote node) and {@code extraConfig} appended to cloud.cfg.
     */
    RealGuestCloud start(Path home, String hostName, String extraConfig) throws Exception {
        guest = guest();
        this.hostName = hostName;
        Path gz = guest.gzipTo(tmp.newFile("guest.img.gz").toPath());
        images = new LoopbackImageServer("guest.img.gz", Files.readAllBytes(gz));
        cloud = new MarketplaceCloud(home, CONFIG.replace("host.name = localhost", "host.name = " + hostName)
                + extraConfig);
        image = cloud.publishByLocation(images.location(), "bootable test guest");
        return this;
    }

    @Override
    public Statement apply(Statement base, Description description) {
        return site.apply(base, description);
    }

    /** The bootable guest image, built once and cached; skips without what it needs. */
    static BootableGuestImage guest() {
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

    /** Allocates a VM for the demo user; the teardown shuts it down and waits for its domain to go. */
    int allocate(String template) throws Exception {
        int id = cloud.allocate(template);
        vms.add(id);
        return id;
    }

    /** The libvirt view of the cloud's host ({@code localhost} or a remote node), independent of the cloud's own connection. */
    HypervisorDriver node() throws Exception {
        if (observer == null) {
            observer = new DriverRegistry();
        }
        return observer.driverFor(hostName, "vmm_kvm", Map.of());
    }

    /** The demo user creates a 1 GiB pdisk volume; its uuid. */
    String createVolume() throws Exception {
        HttpResponse<String> r = cloud.pdisk("demo", "POST", "disks/", "size=1");
        assertEquals(r.body(), 201, r.statusCode());
        return JSON.readTree(r.body()).get("uuid").asText();
    }

    /** pdisk's description of a disk, as its superuser sees it. */
    JsonNode disk(String uuid) throws Exception {
        HttpResponse<String> r = cloud.pdisk("pdisk", "GET", "disks/" + uuid, null);
        assertEquals(r.body(), 200, r.statusCode());
        return JSON.readTree(r.body());
    }

    /** How many mounts pdisk lists for the demo user's volume. */
    int mountCount(String uuid) throws Exception {
        HttpResponse<String> r = cloud.pdisk("demo", "GET", "disks/" + uuid + "/mounts/", null);
        assertEquals(r.body(), 200, r.statusCode());
        return JSON.readTree(r.body()).size();
    }

    /** The demo user attaches a volume to a running VM through pdisk's mounts API; pdisk's answer (200 checked). */
    HttpResponse<String> hotPlug(String uuid, int vm) throws Exception {
        HttpResponse<String> attach = cloud.pdisk("demo", "POST", "disks/" + uuid + "/mounts/",
                "node=localhost&vm_id=" + vm);
        assertEquals(attach.body(), 200, attach.statusCode());
        return attach;
    }

    /** The lines of a text file (a serial console log), carriage returns removed; none while it does not exist. */
    static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Arrays.asList(
                    Files.readString(file, StandardCharsets.ISO_8859_1).replace("\r", "").split("\n")) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The last 40 lines of a serial log, for a failure message. */
    static String tail(Path serial) {
        List<String> l = lines(serial);
        return String.join("\n", l.subList(Math.max(0, l.size() - 40), l.size()));
    }

    /** Waits until the guest printed a line matching {@code what}; the serial log's lines then. */
    static List<String> awaitLine(Path serial, String description, Predicate<String> what) {
        Await.await(description + " on " + serial, BOOT, () -> lines(serial).stream().anyMatch(what), () -> tail(serial));
        return lines(serial);
    }

    /** The guest's report once it printed its DONE line. */
    List<String> awaitReport(int vm) {
        return awaitReport(cloud.serialLog(vm), vm);
    }

    /** The guest's report in {@code serial} (a remote node's serial log) once it printed its DONE line. */
    static List<String> awaitReport(Path serial, int vm) {
        return awaitLine(serial, "VM " + vm + "'s guest report", BootableGuestImage.DONE_LINE::equals);
    }

    /** A question about one VM, which may fail. */
    interface VmCheck {
        boolean test(int vm) throws Exception;
    }

    /** A step on one VM, which may fail. */
    interface VmStep {
        void run(int vm) throws Exception;
    }

    /**
     * Shuts down those of {@code vms} that are RUNNING, ignoring failures (the cloud may be down):
     * a domain that stays is seen by {@link #awaitDomainsGone}.
     */
    static void shutdownRunning(List<Integer> vms, VmCheck running, VmStep shutdown) {
        for (int vm : vms) {
            try {
                if (running.test(vm)) {
                    shutdown.run(vm);
                }
            } catch (Exception | AssertionError e) {
                // seen by awaitDomainsGone if the domain stays
            }
        }
    }

    /**
     * Waits until the domains of {@code vms} are gone from the local libvirtd; one that stays is
     * destroyed (never leave a TCG guest running on the shared libvirtd) and the wait's failure thrown.
     */
    static void awaitDomainsGone(HypervisorDriver node, List<Integer> vms) throws Exception {
        for (int vm : vms) {
            String domain = DeployIds.domainName(vm);
            try {
                Await.await("domain " + domain + " gone", DEPLOY, () -> {
                    try {
                        return !node.listDomains().contains(domain);
                    } catch (Exception e) {
                        return false;
                    }
                });
            } catch (AssertionError e) {
                node.destroy(domain);
                throw e;
            }
        }
    }

    /**
     * Shuts the running VMs down, waits for their domains to go, then stops the cloud and the image
     * server; a second call (a test that closes early, then the rule) does nothing.
     */
    @Override
    public void close() throws Exception {
        try {
            if (cloud != null && !vms.isEmpty()) {
                shutdownRunning(vms, vm -> "3".equals(MarketplaceCloud.element(cloud.info(vm), "STATE")),
                        vm -> cloud.action("shutdown", vm));
                awaitDomainsGone(node(), vms);
            }
        } finally {
            AutoCloseable[] all = {cloud, images, observer};
            cloud = null;
            images = null;
            observer = null;
            TestResources.closeAll(all);
        }
    }
}
