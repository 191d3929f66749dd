package eu.stratuslab.vmm.domain;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Test;

/** The single {@code <disk>} element of hot-plug and the disk targets read back from a description. */
public class DomainXmlDiskTest {

    @Test
    public void aHotPluggedDiskIsWrittenAsInTheDomain() {
        String xml = DomainXml.disk(new DomainSpec.Disk("/var/lib/one/5/images/u-1", false, "vdz", null, "raw", true,
                false));
        assertEquals("<disk type=\"file\" device=\"disk\">\n"
                + "  <driver name=\"qemu\" type=\"raw\"/>\n"
                + "  <source file=\"/var/lib/one/5/images/u-1\"/>\n"
                + "  <target dev=\"vdz\" bus=\"virtio\"/>\n"
                + "  <readonly/>\n"
                + "</disk>\n", xml);
    }

    @Test
    public void diskTargetsAreThoseOfDiskElementsOnly() {
        String full = DomainXml.build(DomainSpecs.legacyCli());
        List<String> expected = DomainSpecs.legacyCli().disks().stream().map(DomainSpec.Disk::target).toList();
        assertEquals(expected, DomainXml.diskTargets(full));
        assertEquals(List.of(), DomainXml.diskTargets("<domain><devices><interface><target dev='vnet0'/></interface>"
                + "</devices></domain>"));
        assertThrows(IllegalArgumentException.class, () -> DomainXml.diskTargets("<domain>"));
    }

    @Test
    public void diskSourcesMapTargetsToFilesOrDevicesAndSkipDisksWithoutSource() {
        String xml = "<domain><devices>"
                + "<disk type='file' device='disk'><source file='/v/1/images/disk.0'/><target dev='vda' bus='virtio'/></disk>"
                + "<disk type='block' device='disk'><target dev='vdb'/><source dev='/dev/sdx'/></disk>"
                + "<disk type='file' device='cdrom'><target dev='hdc'/></disk>"
                + "<interface type='bridge'><source bridge='br0'/><target dev='vnet0'/></interface>"
                + "</devices></domain>";
        assertEquals(java.util.Map.of("vda", "/v/1/images/disk.0", "vdb", "/dev/sdx"), DomainXml.diskSources(xml));
        assertEquals(List.of("vda", "vdb"), List.copyOf(DomainXml.diskSources(xml).keySet()));
        assertThrows(IllegalArgumentException.class, () -> DomainXml.diskSources("<domain>"));
    }
}
