package eu.stratuslab.vmmanager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.core.transfer.PreparedDisk;
import eu.stratuslab.core.transfer.VmDirectory;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.template.Template;
import eu.stratuslab.template.TemplateParser;
import eu.stratuslab.template.vm.DiskTargets;
import eu.stratuslab.vmm.domain.DomainSpec;
import eu.stratuslab.vmm.domain.DomainXml;
import java.nio.file.Path;
import java.util.List;
import org.junit.Test;

public class DomainSpecFactoryTest {
    private static final VmDirectory DIR = new VmDirectory(Path.of("/var/lib/one/42"));
    /** What the prolog prepares for FULL (the skipped swap DISK 1 has no device). */
    private static final List<PreparedDisk> DISKS = List.of(
            new PreparedDisk("/var/lib/one/42/images/disk.0", "vda", "qcow2", false, false),
            new PreparedDisk("/var/lib/one/42/images/disk.2", "vdc", "raw", false, false),
            new PreparedDisk("/var/lib/one/42/images/disk.3", "vdd", "raw", true, false),
            new PreparedDisk("/var/lib/one/42/images/disk.4", "hdd", "raw", true, true));
    private final DomainSpecFactory factory = new DomainSpecFactory("kvm", false);

    private static VirtualMachine vm(int gid, String text) throws Exception {
        Template t = TemplateParser.parse(text);
        DiskTargets.assign(t);
        return new VirtualMachine(42, gid == 0 ? 0 : 5, gid, "u", "g", t, 0);
    }

    private static final String FULL = """
            NAME = full
            UUID = "3c1e7a40-0b1e-4c7e-9d2a-4a1f1c7e2b10"
            CPU = 0.5
            VCPU = 2
            MEMORY = 768
            OS = [ KERNEL = /boot/vmlinuz, INITRD = /boot/initrd, ROOT = vda1, KERNEL_CMD = "console=ttyS0", ARCH = i686 ]
            DISK = [ SOURCE = /images/base.img, TARGET = vda ]
            DISK = [ TYPE = swap, SIZE = 0, TARGET = vdb ]
            DISK = [ TYPE = swap, SIZE = 256, TARGET = vdc ]
            DISK = [ TYPE = fs, SIZE = 100, FORMAT = ext3, TARGET = vdd, READONLY = YES ]
            NIC = [ BRIDGE = br0, MAC = "02:00:0a:00:00:05", MODEL = virtio ]
            NIC = [ BRIDGE = br1, MAC = "02:00:0a:00:01:05" ]
            GRAPHICS = [ TYPE = VNC, PORT = 5905, LISTEN = 0.0.0.0, KEYMAP = fr ]
            CONTEXT = [ TARGET = hdd, PUBLIC_KEY = "ssh-rsa AAA x@y" ]
            """;

    @Test
    public void aNetworkDiskKeepsItsSourceForLibvirt() throws Exception {
        PreparedDisk.NetworkSource lun = new PreparedDisk.NetworkSource("iscsi", "iqn.2011-01.eu.stratuslab:v/1",
                "127.0.0.1", 3260);
        DomainSpec s = factory.build(vm(0, FULL), DIR, List.of(new PreparedDisk(
                "iscsi://127.0.0.1:3260/iqn.2011-01.eu.stratuslab:v:1", "vda", "raw", false, false, lun)),
                "qemu:///system", null);
        assertEquals(new DomainSpec.Disk("iscsi://127.0.0.1:3260/iqn.2011-01.eu.stratuslab:v:1", false, "vda", null,
                "raw", false, false, new DomainSpec.Network("iscsi", "iqn.2011-01.eu.stratuslab:v/1", "127.0.0.1", 3260)),
                s.disks().get(0));
    }

    @Test
    public void mapsEveryTemplateSectionOfTemplateMd6() throws Exception {
        DomainSpec s = factory.build(vm(0, FULL), DIR, DISKS, "qemu:///system", null);
        assertEquals("one-42", s.name());
        assertEquals("3c1e7a40-0b1e-4c7e-9d2a-4a1f1c7e2b10", s.uuid());
        assertEquals(2, s.vcpu());
        assertEquals(768 * 1024, s.memoryKb());
        assertEquals("kvm", s.domainType());
        assertEquals(new DomainSpec.Os("i686", "/boot/vmlinuz", "/boot/initrd", "vda1", "console=ttyS0", null, null), s.os());
        // the prepared devices in order; the context image is a read-only CD-ROM on CONTEXT/TARGET
        assertEquals(4, s.disks().size());
        assertEquals(new DomainSpec.Disk("/var/lib/one/42/images/disk.0", false, "vda", null, "qcow2", false, false),
                s.disks().get(0));
        assertEquals(new DomainSpec.Disk("/var/lib/one/42/images/disk.2", false, "vdc", null, "raw", false, false),
                s.disks().get(1));
        assertEquals(new DomainSpec.Disk("/var/lib/one/42/images/disk.3", false, "vdd", null, "raw", true, false),
                s.disks().get(2));
        assertEquals(new DomainSpec.Disk("/var/lib/one/42/images/disk.4", false, "hdd", null, "raw", true, true),
                s.disks().get(3));
        assertEquals("virtio", s.disks().get(0).busOrDerived());
        assertEquals("ide", s.disks().get(3).busOrDerived());
        assertEquals(new DomainSpec.Nic("br0", "02:00:0a:00:00:05", "virtio"), s.nics().get(0));
        assertEquals(new DomainSpec.Nic("br1", "02:00:0a:00:01:05", null), s.nics().get(1));
        assertEquals(new DomainSpec.Graphics("vnc", 5905, "0.0.0.0", "fr"), s.graphics());
        assertNull(s.rawData());
        assertFalse(s.hostCpuPassthrough());
        assertEquals("/var/lib/one/42/serial.log", s.serialLog());
        String xml = DomainXml.build(s);
        assertTrue(xml, xml.contains("one-42"));
        assertTrue(xml, xml.contains("/var/lib/one/42/images/disk.4"));
    }

    @Test
    public void defaultsWithoutOsGraphicsVcpu() throws Exception {
        DomainSpec s = factory.build(vm(1, "MEMORY = 64\nNIC = [ BRIDGE = br0, MAC = \"02:00:00:00:00:01\" ]\n"),
                DIR, List.of(), "test:///default", null);
        assertEquals(1, s.vcpu());
        assertEquals("x86_64", s.os().arch());
        assertNull(s.graphics());
        assertTrue(s.disks().isEmpty());
        assertEquals("test", s.domainType());
        assertNull("the test driver gets no serial file", s.serialLog());
    }

    @Test
    public void domainTypeFollowsUriAndHypervisorType() throws Exception {
        assertEquals("test", factory.domainType("test:///tmp/x/node.xml", "kvm"));
        assertEquals("qemu", factory.domainType("qemu:///system", "qemu"));
        assertEquals("kvm", factory.domainType("qemu+ssh://n/system", "KVM"));
        assertEquals("kvm", factory.domainType("qemu:///system", null));
        assertEquals("qemu", new DomainSpecFactory("qemu", false).domainType("qemu:///system", ""));
    }

    @Test
    public void rawDataOnlyForOneadminGroupButHostCpuFormForEveryone() throws Exception {
        String raw = "MEMORY = 64\nRAW = [ TYPE = kvm, DATA = \"<qemu:commandline><qemu:arg value='-nodefaults'/></qemu:commandline>\" ]\n";
        assertEquals("<qemu:commandline><qemu:arg value='-nodefaults'/></qemu:commandline>",
                factory.build(vm(0, raw), DIR, List.of(), "qemu:///system", null).rawData());
        assertNull(factory.build(vm(1, raw), DIR, List.of(), "qemu:///system", null).rawData());
        assertTrue(new DomainSpecFactory("kvm", true).build(vm(1, raw), DIR, List.of(), "qemu:///system", null).rawData() != null);

        String hostCpu = "MEMORY = 64\nRAW = [ TYPE = kvm, DATA = \"<qemu:commandline> <qemu:arg value='-cpu'/>\n"
                + "<qemu:arg value='host'/> </qemu:commandline>\" ]\nRAW = [ TYPE = xen, DATA = \"<ignored/>\" ]\n";
        DomainSpec s = factory.build(vm(1, hostCpu), DIR, List.of(), "qemu:///system", null);
        assertTrue(s.hostCpuPassthrough());
        assertNull(s.rawData());
    }

    @Test
    public void refusesBadNumbers() throws Exception {
        IllegalArgumentException e;
        e = assertThrows(IllegalArgumentException.class, () -> factory.build(vm(0, "MEMORY = lots\n"), DIR,
                List.of(), "qemu:///system", null));
        assertEquals("boot: MEMORY must be a positive number of MB, not 'lots'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> factory.build(vm(0, "MEMORY = 1\nVCPU = 0\n"), DIR,
                List.of(), "qemu:///system", null));
        assertEquals("boot: VCPU must be a positive whole number, not '0'", e.getMessage());
    }
}
