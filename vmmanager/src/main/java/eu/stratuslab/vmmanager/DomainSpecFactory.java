package eu.stratuslab.vmmanager;

import eu.stratuslab.core.transfer.PreparedDisk;
import eu.stratuslab.core.transfer.VmDirectory;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.infra.config.WholeNumbers;
import eu.stratuslab.template.Template;
import eu.stratuslab.template.VectorAttribute;
import eu.stratuslab.vmm.DeployIds;
import eu.stratuslab.vmm.domain.DomainSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the libvirt domain of a VM from its template (template.md §6). Disks are those the
 * transfer manager's prolog prepared ({@link PreparedDisk}); the template has passed the allocate
 * checks, so RAW DATA reaches here only for the oneadmin group (or when users may use RAW).
 */
public final class DomainSpecFactory {
    /** The {@code --use-host-cpu} RAW form (template.md §5.2), compared without whitespace. */
    static final String HOST_CPU_RAW = "<qemu:commandline><qemu:arg value='-cpu'/><qemu:arg value='host'/></qemu:commandline>";

    private final String defaultDomainType;
    private final boolean rawAllowUsers;

    public DomainSpecFactory(String defaultDomainType, boolean rawAllowUsers) {
        this.defaultDomainType = defaultDomainType;
        this.rawAllowUsers = rawAllowUsers;
    }

    /**
     * @param uri            the host's libvirt URI
     * @param hypervisorType the host template's HYPERVISOR_TYPE, or null
     * @throws IllegalArgumentException with a message fit for TEMPLATE/ERROR/MESSAGE
     */
    public DomainSpec build(VirtualMachine vm, VmDirectory dir, List<PreparedDisk> prepared, String uri,
                            String hypervisorType) {
        Template t = vm.template();
        String type = domainType(uri, hypervisorType);
        List<DomainSpec.Disk> disks = new ArrayList<>();
        for (PreparedDisk d : prepared) {
            PreparedDisk.NetworkSource n = d.network();
            disks.add(new DomainSpec.Disk(d.path(), false, requireTarget(d.target(), d.path()), null, d.driverType(),
                    d.readOnly(), d.cdrom(),
                    n == null ? null : new DomainSpec.Network(n.protocol(), n.name(), n.host(), n.port())));
        }
        List<DomainSpec.Nic> nics = new ArrayList<>();
        for (VectorAttribute nic : t.vectors("NIC")) {
            nics.add(new DomainSpec.Nic(blankToNull(nic.get("BRIDGE")), blankToNull(nic.get("MAC")),
                    blankToNull(nic.get("MODEL"))));
        }
        Raw raw = raw(t, vm.gid() == 0 || rawAllowUsers);
        DomainSpec spec = new DomainSpec(DeployIds.domainName(vm.id()), blankToNull(t.getString("UUID")),
                vcpu(t), memoryKb(t), type, os(t), disks, nics, graphics(t), raw.data, raw.hostCpu);
        return type.equals("test") ? spec : spec.withSerialLog(dir.serialLog().toString());
    }

    /** {@code test} for libvirt's test driver, else HYPERVISOR_TYPE (kvm|qemu), else the configured default. */
    String domainType(String uri, String hypervisorType) {
        if (uri != null && uri.startsWith("test:")) {
            return "test";
        }
        String h = hypervisorType == null ? "" : hypervisorType.strip().toLowerCase(Locale.ROOT);
        if (h.equals("qemu") || h.equals("kvm")) {
            return h;
        }
        return defaultDomainType;
    }

    private static int vcpu(Template t) {
        String v = t.getString("VCPU");
        if (v == null || v.isBlank()) {
            return 1;
        }
        return WholeNumbers.atLeast(v.strip(), 1).orElseThrow(
                () -> new IllegalArgumentException("boot: VCPU must be a positive whole number, not '" + v + "'"));
    }

    private static long memoryKb(Template t) {
        String v = t.getString("MEMORY");
        try {
            double mb = Double.parseDouble(v.strip());
            if (!(mb > 0)) {
                throw new NumberFormatException();
            }
            return Math.round(mb * 1024);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("boot: MEMORY must be a positive number of MB, not '"
                    + (v == null ? "" : v) + "'");
        }
    }

    private static DomainSpec.Os os(Template t) {
        VectorAttribute os = t.firstVector("OS");
        if (os == null) {
            return new DomainSpec.Os("x86_64", null, null, null, null, null, null);
        }
        String arch = blankToNull(os.get("ARCH"));
        return new DomainSpec.Os(arch == null ? "x86_64" : arch, blankToNull(os.get("KERNEL")),
                blankToNull(os.get("INITRD")), blankToNull(os.get("ROOT")), blankToNull(os.get("KERNEL_CMD")),
                blankToNull(os.get("BOOTLOADER")), blankToNull(os.get("BOOT")));
    }

    private static DomainSpec.Graphics graphics(Template t) {
        VectorAttribute g = t.firstVector("GRAPHICS");
        if (g == null || blankToNull(g.get("TYPE")) == null) {
            return null;
        }
        int port = -1;
        String p = blankToNull(g.get("PORT"));
        if (p != null) {
            try {
                port = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("boot: GRAPHICS/PORT must be a number, not '" + p + "'");
            }
        }
        return new DomainSpec.Graphics(g.get("TYPE").strip().toLowerCase(Locale.ROOT), port,
                blankToNull(g.get("LISTEN")), blankToNull(g.get("KEYMAP")));
    }

    private record Raw(String data, boolean hostCpu) {
    }

    private static Raw raw(Template t, boolean allowed) {
        String data = null;
        boolean hostCpu = false;
        for (VectorAttribute raw : t.vectors("RAW")) {
            String type = raw.get("TYPE");
            String d = raw.get("DATA");
            if (type == null || !type.strip().equalsIgnoreCase("kvm") || d == null || d.isBlank()) {
                continue; // RAW of other types is ignored (template.md §6)
            }
            if (d.replaceAll("\\s", "").equals(HOST_CPU_RAW.replaceAll("\\s", ""))) {
                hostCpu = true;
            } else if (allowed) {
                data = data == null ? d : data + d;
            }
        }
        return new Raw(data, hostCpu);
    }

    private static String requireTarget(String target, String what) {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("boot: " + what + " has no TARGET");
        }
        return target.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
