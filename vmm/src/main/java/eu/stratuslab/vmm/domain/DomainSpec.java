package eu.stratuslab.vmm.domain;

import java.util.List;
import java.util.Objects;

/**
 * Everything the hypervisor needs to know about a VM, already resolved by the core (template.md §6):
 * paths are on the node, targets are final, the RAW data has passed the authorization checks.
 *
 * @param name        domain name, {@code one-<vmid>}
 * @param uuid        domain UUID or null (libvirt then generates one)
 * @param memoryKb    memory in KiB (template MEMORY × 1024)
 * @param domainType  libvirt domain type: {@code kvm}, {@code qemu} (TCG) or {@code test}
 * @param graphics    null for no console
 * @param rawData     null or a well-formed XML fragment inserted into {@code <domain>}; the
 *                    {@code qemu:} prefix is bound to the qemu namespace
 * @param serialLog   null for a pty serial console, else the node path of a file receiving the serial output
 */
public record DomainSpec(String name, String uuid, int vcpu, long memoryKb, String domainType, Os os,
                         List<Disk> disks, List<Nic> nics, Graphics graphics, String rawData,
                         boolean hostCpuPassthrough, String serialLog) {

    public DomainSpec {
        requireText(name, "domain name");
        requireText(domainType, "domain type");
        if (vcpu < 1) {
            throw new IllegalArgumentException("VCPU must be at least 1, got " + vcpu);
        }
        if (memoryKb < 1) {
            throw new IllegalArgumentException("MEMORY must be positive, got " + memoryKb + " KiB");
        }
        os = os == null ? Os.DEFAULT : os;
        disks = disks == null ? List.of() : List.copyOf(disks);
        nics = nics == null ? List.of() : List.copyOf(nics);
    }

    /** The form without serial log (pty serial console). */
    public DomainSpec(String name, String uuid, int vcpu, long memoryKb, String domainType, Os os,
                      List<Disk> disks, List<Nic> nics, Graphics graphics, String rawData,
                      boolean hostCpuPassthrough) {
        this(name, uuid, vcpu, memoryKb, domainType, os, disks, nics, graphics, rawData, hostCpuPassthrough, null);
    }

    /** A copy that writes the serial console to {@code path}. */
    public DomainSpec withSerialLog(String path) {
        return new DomainSpec(name, uuid, vcpu, memoryKb, domainType, os, disks, nics, graphics, rawData,
                hostCpuPassthrough, path);
    }

    /**
     * Template OS section. All fields may be null; {@code arch} defaults to x86_64.
     *
     * @param root       root device, appended to the kernel command line as {@code root=/dev/<root>}
     * @param bootloader node path of a bootloader (Xen pygrub style)
     * @param boot       boot device: hd, cdrom, network or fd (comma-separated for several)
     */
    public record Os(String arch, String kernel, String initrd, String root, String kernelCmd, String bootloader,
                     String boot) {
        public static final Os DEFAULT = new Os(null, null, null, null, null, null, null);

        public String archOrDefault() {
            return arch == null || arch.isBlank() ? "x86_64" : arch;
        }
    }

    /**
     * One disk device.
     *
     * @param source      node path of the file, or of the block device when {@code blockDevice}
     * @param bus         ide, scsi, virtio or xen; null means derived from the target prefix
     * @param driverType  raw or qcow2; null or empty means raw
     * @param cdrom       a CD-ROM device (context ISO, TYPE=cdrom)
     * @param network     null for a node path; else a volume the hypervisor opens over the network
     */
    public record Disk(String source, boolean blockDevice, String target, String bus, String driverType,
                       boolean readOnly, boolean cdrom, Network network) {
        public Disk {
            requireText(source, "disk source");
            requireText(target, "disk target");
            if (network != null) {
                requireText(network.protocol(), "network disk protocol");
                requireText(network.name(), "network disk name");
                requireText(network.host(), "network disk host");
            }
        }

        /** A disk on a node path. */
        public Disk(String source, boolean blockDevice, String target, String bus, String driverType,
                    boolean readOnly, boolean cdrom) {
            this(source, blockDevice, target, bus, driverType, readOnly, cdrom, null);
        }

        /** template.md §6: {@code hd} ide, {@code sd} scsi, {@code vd} virtio, {@code xvd} xen. */
        public static String busForTarget(String target) {
            if (target.startsWith("xvd")) {
                return "xen";
            }
            if (target.startsWith("vd")) {
                return "virtio";
            }
            if (target.startsWith("sd")) {
                return "scsi";
            }
            return "ide";
        }

        public String busOrDerived() {
            return bus == null || bus.isBlank() ? busForTarget(target) : bus;
        }

        public String driverTypeOrRaw() {
            return driverType == null || driverType.isBlank() ? "raw" : driverType;
        }
    }

    /**
     * A disk source libvirt reaches over the network ({@code <disk type='network'>}).
     *
     * @param protocol e.g. {@code iscsi}
     * @param name     for iSCSI {@code <target iqn>/<lun>}
     * @param port     0 for the protocol's default
     */
    public record Network(String protocol, String name, String host, int port) {
    }

    /**
     * One network interface.
     *
     * @param bridge null for user-mode networking (no bridge on the node)
     * @param model  null for the hypervisor default
     */
    public record Nic(String bridge, String mac, String model) {}

    /**
     * Console.
     *
     * @param port -1 for an automatic port
     */
    public record Graphics(String type, int port, String listen, String keymap) {
        public Graphics {
            requireText(type, "graphics type");
        }
    }

    private static void requireText(String value, String what) {
        Objects.requireNonNull(value, what + " is required");
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }
}
