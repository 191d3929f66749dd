package eu.stratuslab.cloud;

import eu.stratuslab.vmm.guest.TinyGuest;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.cloud.vmtest.ApiCloud;
import eu.stratuslab.cloud.vmtest.OneXml;
import eu.stratuslab.core.testsupport.Await;
import eu.stratuslab.cloud.vmtest.TestNodes;

import eu.stratuslab.vmmanager.VmManagerSettings;
import eu.stratuslab.vmm.DriverRegistry;
import eu.stratuslab.vmm.HypervisorDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.Test;

/**
 * The real thing: a VM allocated through the API boots a real (TCG) guest on the local
 * libvirtd ({@code qemu:///system}, host {@code localhost}), its serial console shows the
 * guest's marker, it is RUNNING; the guest ignores ACPI (no acpid in its initramfs), so
 * {@code shutdown} ends by the shutdown timeout: destroyed, DONE, no domain left.
 *
 * <p>Skips without libvirtd/qemu/the guest kernel unless STRATUSLAB_FULL_TESTS=1. Start locally:
 * {@code mv /dev/kvm /dev/kvm.disabled 2>/dev/null; virtlogd -d; libvirtd -d}.
 */
public class RealQemuVmLifecycleTest extends OnACloudSite {
    private static final Duration BOOT = Duration.ofMinutes(4);

    private static TinyGuest guest() {
        TestNodes.require(Files.exists(Path.of("/var/run/libvirt/libvirt-sock")) ? null
                : "libvirtd is not running (no /var/run/libvirt/libvirt-sock)");
        TestNodes.require(Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64")) ? null : "qemu-system-x86 is not installed");
        try {
            return TinyGuest.prepare(TinyGuest.defaultCacheDir());
        } catch (Exception e) {
            TestNodes.require("cannot prepare the tiny guest: " + e.getMessage());
            throw new AssertionError("unreachable");
        }
    }

    @Test
    public void aRealGuestBootsRunsAndIsDestroyedWhenItIgnoresAcpi() throws Exception {
        TinyGuest guest = guest();
        VmManagerSettings d = VmManagerSettings.defaults();
        VmManagerSettings settings = new VmManagerSettings(d.workers(), d.queueCapacity(), Duration.ofSeconds(90),
                Duration.ofMinutes(4), Duration.ofSeconds(8), Duration.ofMillis(500), Duration.ofSeconds(2), "qemu");
        ApiCloud cloud = site.closeAtEnd(new ApiCloud(site.newFolder("home"), settings, true));
        int hid = cloud.id(ApiCloud.ADMIN, "one.host.allocate", "localhost", "im_kvm", "vmm_kvm", "dummy", "tm_ssh");
        Await.await("localhost MONITORED", ApiCloud.DEADLINE, () -> cloud.host(hid).getInt("/HOST/STATE") == 2,
                () -> cloud.host(hid).get("/HOST/TEMPLATE/ERROR"));
        DriverRegistry observer = site.closeAtEnd(new DriverRegistry());
        HypervisorDriver node = observer.driverFor("localhost", "vmm_kvm", Map.of());

        String marker = "vmmgr-" + UUID.randomUUID().toString().substring(0, 8);
        int id = cloud.id(ApiCloud.ADMIN, "one.vm.allocate", """
                NAME = tiny
                CPU = 0.1
                VCPU = 1
                MEMORY = 256
                OS = [ KERNEL = "%s", INITRD = "%s", KERNEL_CMD = "console=ttyS0 panic=0 stratuslab.marker=%s" ]
                """.formatted(guest.kernel(), guest.initramfs(), marker));
        cloud.awaitVm(id, 3, 3);
        assertEquals("localhost", cloud.vm(id).get("/VM/HISTORY_RECORDS/HISTORY/HOSTNAME"));
        Path serial = cloud.core.settings().varDir().resolve(id + "/serial.log");
        Await.await("the guest's marker on its serial console", BOOT, () -> {
            try {
                return Files.isReadable(serial)
                        && Files.readString(serial, StandardCharsets.ISO_8859_1).contains(TinyGuest.readyLine(marker));
            } catch (java.io.IOException e) {
                return false;
            }
        });
        assertTrue(cloud.vm(id).getLong("/VM/MEMORY") >= 0);
        assertTrue(node.listDomains().contains("one-" + id));

        assertTrue(cloud.call(ApiCloud.ADMIN, "one.vm.action", "shutdown", id).success());
        cloud.awaitVm(id, 6, 0);
        assertFalse(node.listDomains().contains("one-" + id));
        String log = Files.readString(cloud.core.lifecycle().log().file(id));
        assertTrue(log, log.contains("The guest did not stop within 8 s: domain destroyed"));
        OneXml host = cloud.host(hid);
        assertEquals(0, host.getInt("/HOST/HOST_SHARE/RUNNING_VMS"));
    }
}
