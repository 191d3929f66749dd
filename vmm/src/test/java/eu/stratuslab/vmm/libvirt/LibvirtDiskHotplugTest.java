package eu.stratuslab.vmm.libvirt;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.vmm.DriverException;
import eu.stratuslab.vmm.domain.DomainSpec;
import eu.stratuslab.vmm.domain.DomainXml;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;

/**
 * Disk hot-plug on libvirt's test driver, which has no device hot-plug: attach and detach change the
 * running domain's definition, which {@code domainXml} reports; refusals change nothing.
 * (Real hot-plug on qemu is {@code RealQemuHotplugTest}.)
 */
public class LibvirtDiskHotplugTest {
    @Rule
    public final PrivateTestHost host = new PrivateTestHost();

    private static DomainSpec.Disk disk(String path, String target, boolean readOnly) {
        return new DomainSpec.Disk(path, false, target, null, "qcow2", readOnly, false);
    }

    @Test
    public void attachAddsTheDiskToTheDomainAndDetachRemovesIt() throws Exception {
        String id = host.driver().deploy(TestHosts.testDomain(301, 131072));
        assertEquals(List.of("hda"), host.driver().diskTargets(id));

        host.driver().attachDisk(id, disk("/var/lib/one/301/images/vol-a", "vdz", false));
        host.driver().attachDisk(id, disk("/var/lib/one/301/images/vol-b", "vdy", true));
        String xml = host.driver().domainXml(id);
        assertEquals(List.of("hda", "vdy", "vdz"), host.driver().diskTargets(id).stream().sorted().toList());
        String vdy = DefinitionEdits.diskElement(xml, "vdy");
        assertTrue(vdy, vdy.contains("/var/lib/one/301/images/vol-b") && vdy.contains("<readonly/>")
                && vdy.contains("type=\"qcow2\"") && vdy.contains("bus=\"virtio\""));

        DriverException twice = assertThrows(DriverException.class,
                () -> host.driver().attachDisk(id, disk("/var/lib/one/301/images/vol-c", "vdz", false)));
        assertTrue(twice.getMessage(), twice.getMessage().contains("already has a disk vdz"));

        host.driver().detachDisk(id, "vdz");
        assertEquals(List.of("hda", "vdy"), host.driver().diskTargets(id).stream().sorted().toList());
        host.driver().detachDisk(id, "vdz"); // gone already: nothing to do
        assertEquals(List.of("hda", "vdy"), host.driver().diskTargets(id).stream().sorted().toList());
    }

    @Test
    public void aDomainThatIsNotRunningOrUnknownIsRefused() throws Exception {
        String id = host.driver().deploy(TestHosts.testDomain(302, 131072));
        host.driver().shutdown(id);
        DriverException stopped = assertThrows(DriverException.class,
                () -> host.driver().attachDisk(id, disk("/x", "vdz", false)));
        assertTrue(stopped.getMessage(), stopped.getMessage().contains("is not running"));
        DriverException unknown = assertThrows(DriverException.class,
                () -> host.driver().attachDisk("one-999", disk("/x", "vdz", false)));
        assertTrue(unknown.getMessage(), unknown.getMessage().contains("not found"));
        assertEquals(List.of("hda"), host.driver().diskTargets(id));
    }

    @Test
    public void definitionEditsFindAddAndRemoveDisksAndRefuseDoctypes() {
        String domain = "<domain type='test'><name>one-1</name><devices>"
                + "<disk type='file' device='disk'><source file='/a'/><target dev='vda' bus='virtio'/></disk>"
                + "<interface type='user'><target dev='vnet0'/></interface></devices></domain>";
        String disk = DomainXml.disk(new DomainSpec.Disk("/b", false, "vdz", null, null, true, false));
        String with = DefinitionEdits.withDisk(domain, disk);
        assertEquals(List.of("vda", "vdz"), DomainXml.diskTargets(with));
        assertEquals(List.of("vda"), DomainXml.diskTargets(DefinitionEdits.withoutDisk(with, "vdz")));
        assertNull(DefinitionEdits.withoutDisk(domain, "vdq"));
        assertNull("an interface target is not a disk", DefinitionEdits.diskElement(domain, "vnet0"));
        assertTrue(DefinitionEdits.diskElement(with, "vdz").startsWith("<disk"));
        assertThrows(IllegalArgumentException.class, () -> DefinitionEdits.withDisk(
                "<!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><domain>&x;</domain>", disk));
    }
}
