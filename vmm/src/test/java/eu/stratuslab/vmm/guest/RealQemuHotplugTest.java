package eu.stratuslab.vmm.guest;

import eu.stratuslab.vmm.domain.DomainSpec;
import eu.stratuslab.vmm.domain.DomainXml;
import org.junit.Rule;
import org.junit.Test;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Disk hot-plug on a real qemu domain (TCG) through the local libvirtd: the disk the driver attaches
 * to the running guest is in the live domain description libvirt reports (so qemu has the device),
 * read-only when asked; a second disk on the same target is refused; a detached disk leaves it.
 */
public class RealQemuHotplugTest {
    @Rule
    public final LocalGuests guests = new LocalGuests("vmm-hotplug");

    @Test
    public void aDiskAttachedToTheRunningGuestIsInItsLiveDescription() throws Exception {
        String deployed = guests.bootTinyGuest("serial.log");
        assertFalse(DomainXml.diskTargets(guests.driver().domainXml(deployed)).contains("vdz"));

        Path volume = volume("data.img");
        Path shared = volume("shared.img");
        guests.driver().attachDisk(deployed, new DomainSpec.Disk(volume.toString(), false, "vdz", null, "raw", false, false));
        guests.driver().attachDisk(deployed, new DomainSpec.Disk(shared.toString(), false, "vdy", null, "raw", true, false));

        String live = guests.driver().domainXml(deployed);
        assertTrue(live, DomainXml.diskTargets(live).contains("vdz"));
        String vdz = diskElement(live, "vdz");
        assertTrue(vdz, vdz.contains(volume.toString()) && vdz.contains("bus='virtio'"));
        assertFalse(vdz, vdz.contains("<readonly"));
        assertTrue(live, diskElement(live, "vdy").contains("<readonly/>"));

        try {
            guests.driver().attachDisk(deployed, new DomainSpec.Disk(volume("other.img").toString(), false, "vdz", null, "raw",
                    false, false));
            fail("a second disk on vdz must be refused");
        } catch (eu.stratuslab.vmm.DriverException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("already has a disk vdz"));
        }

        // detach: the guest kernel releases the device (ACPI PCI hot-unplug), then libvirt drops it
        guests.driver().detachDisk(deployed, "vdz");
        long deadline = System.nanoTime() + LocalGuests.TINY_BOOT_DEADLINE_NS;
        while (DomainXml.diskTargets(guests.driver().domainXml(deployed)).contains("vdz")) {
            if (System.nanoTime() > deadline) {
                fail("vdz still in the live description 120 s after the detach");
            }
            TimeUnit.MILLISECONDS.sleep(200); // polling interval of an observable condition
        }
        assertTrue(DomainXml.diskTargets(guests.driver().domainXml(deployed)).contains("vdy"));
    }

    private Path volume(String file) throws IOException {
        Path p = guests.runDir().resolve(file);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(1024 * 1024);
        }
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-rw-rw-"));
        return p;
    }

    private static String diskElement(String xml, String target) {
        Matcher m = Pattern.compile("<disk\\b(?:(?!</disk>).)*?<target dev='" + target + "'(?:(?!</disk>).)*</disk>",
                Pattern.DOTALL).matcher(xml);
        assertTrue(xml, m.find());
        return m.group();
    }
}
