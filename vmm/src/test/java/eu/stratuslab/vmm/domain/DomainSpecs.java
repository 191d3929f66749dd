package eu.stratuslab.vmm.domain;

import eu.stratuslab.vmm.domain.DomainSpec.Disk;
import eu.stratuslab.vmm.domain.DomainSpec.Graphics;
import eu.stratuslab.vmm.domain.DomainSpec.Nic;
import eu.stratuslab.vmm.domain.DomainSpec.Os;

import java.util.List;

/** The VMs of the golden-file tests, shaped like what the core derives from template.md §3. */
final class DomainSpecs {
    private DomainSpecs() {}

    /** template.md §3 (a): the legacy CLI's default run of a marketplace image. */
    static DomainSpec legacyCli() {
        return new DomainSpec("one-7", "8a1b6c0e-2f4d-4c55-9e1a-3b7f00c0ffee", 1, 1536L * 1024, "kvm", Os.DEFAULT,
                List.of(new Disk("/var/lib/one/7/images/disk.0", false, "vda", null, "raw", false, false),
                        new Disk("/var/lib/one/7/images/disk.1", false, "vdb", null, null, false, false),
                        new Disk("/var/lib/one/7/images/disk.2", false, "hdd", null, null, true, true)),
                List.of(new Nic("br0", "02:00:0a:00:00:64", null)),
                new Graphics("vnc", -1, null, "en-us"), null, false);
    }

    /** A paravirtual-style boot from a kernel on the node, serial console logged to a file. */
    static DomainSpec kernelBoot() {
        return new DomainSpec("one-12", null, 2, 262144, "qemu",
                new Os("x86_64", "/var/lib/one/12/vmlinuz", "/var/lib/one/12/initrd.img", "vda",
                        "console=ttyS0 quiet", null, null),
                List.of(new Disk("/var/lib/one/12/images/disk.0", false, "vda", "virtio", "qcow2", false, false)),
                List.of(), null, null, false, "/var/lib/one/12/serial.log");
    }

    /** RAW data for the qemu namespace plus the host-CPU pass-through form. */
    static DomainSpec withRaw() {
        return new DomainSpec("one-20", null, 4, 4L * 1024 * 1024, "kvm", new Os(null, null, null, null, null, null, "hd"),
                List.of(new Disk("/var/lib/one/20/images/disk.0", false, "sda", null, null, false, false)),
                List.of(new Nic("br0", "02:00:0a:01:02:03", "virtio")),
                new Graphics("vnc", 5920, "0.0.0.0", null),
                "<qemu:commandline><qemu:arg value='-no-hpet'/><qemu:env name='A&amp;B' value=\"x\"/></qemu:commandline>",
                true);
    }

    /** template.md §3 (d): boot from a pdisk volume (block device), data volume, cloud-init context disk. */
    static DomainSpec blockDisk() {
        return new DomainSpec("one-31", null, 1, 1024L * 1024, "kvm", Os.DEFAULT,
                List.of(new Disk("/var/lib/one/31/images/disk.0", true, "hda", null, null, false, false),
                        new Disk("/dev/disk/by-path/ip-127.0.0.1:3260-iscsi-iqn.2011-01.eu.stratuslab:vol-1-lun-1",
                                true, "hde", null, "raw", true, false),
                        new Disk("/var/lib/one/31/images/disk.4", false, "hdd", null, "raw", false, false)),
                List.of(new Nic(null, "02:00:0a:00:00:65", "e1000")),
                new Graphics("VNC", -1, "127.0.0.1", "fr"), null, false);
    }

    /** A pdisk volume exported by tgt, opened by qemu's own iSCSI initiator; the context CD beside it. */
    static DomainSpec networkDisk() {
        return new DomainSpec("one-32", null, 1, 512L * 1024, "kvm", Os.DEFAULT,
                List.of(new Disk("iscsi://127.0.0.1:3260/iqn.2011-01.eu.stratuslab:vol-2:1", false, "vda", null, "raw",
                                false, false, new DomainSpec.Network("iscsi", "iqn.2011-01.eu.stratuslab:vol-2/1",
                                "127.0.0.1", 3260)),
                        new Disk("/var/lib/one/32/images/disk.1", false, "hdc", null, "raw", true, true)),
                List.of(new Nic(null, "02:00:0a:00:00:66", null)), null, null, false);
    }
}
