package eu.stratuslab.vmm.domain;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the libvirt domain XML of a VM (template.md §6) with a streaming XML writer.
 * The output is deterministic (same spec, same bytes), which the golden-file tests rely on.
 */
public final class DomainXml {

    private DomainXml() {}

    /**
     * @throws IllegalArgumentException when the RAW data is not a well-formed XML fragment
     */
    public static String build(DomainSpec spec) {
        return render(out -> write(spec, out), "domain XML for " + spec.name());
    }

    /** The {@code <disk>} element of one device, as {@link #build} writes it (hot-plug). */
    public static String disk(DomainSpec.Disk disk) {
        return render(out -> writeDisk(disk, out), "the XML of disk " + disk.target());
    }

    /** What writes one document onto the indenting writer. */
    private interface Body {
        void writeTo(IndentingXmlOut out) throws XMLStreamException;
    }

    private static String render(Body body, String what) {
        StringWriter sink = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(sink);
            try {
                body.writeTo(new IndentingXmlOut(w));
                w.writeEndDocument();
                w.flush();
            } finally {
                w.close();
            }
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write " + what, e);
        }
        return sink.append('\n').toString();
    }

    /**
     * The guest device names of the {@code <disk>} elements of a domain description, in document
     * order. DTDs are refused.
     *
     * @throws IllegalArgumentException when the text is not well-formed XML
     */
    public static List<String> diskTargets(String domainXml) {
        List<String> targets = new ArrayList<>();
        read(domainXml, (r, path) -> {
            if (ElementWalk.childOfOutermost(path, "disk", "target")) {
                String dev = r.getAttributeValue(null, "dev");
                if (dev != null && !dev.isBlank()) {
                    targets.add(dev.strip());
                }
            }
            return null;
        });
        return targets;
    }

    /**
     * Guest device name → source (the {@code file} or {@code dev} attribute of {@code <source>}) of
     * the {@code <disk>} elements that have both, in document order. DTDs are refused.
     *
     * @throws IllegalArgumentException when the text is not well-formed XML
     */
    public static Map<String, String> diskSources(String domainXml) {
        Map<String, String> sources = new LinkedHashMap<>();
        read(domainXml, new ElementWalk.Visitor<Void>() {
            private String target;
            private String source;

            @Override
            public Void start(XMLStreamReader r, List<String> path) {
                if (ElementWalk.isOutermost(path, "disk")) {
                    target = null;
                    source = null;
                } else if (ElementWalk.childOfOutermost(path, "disk", "target")) {
                    target = r.getAttributeValue(null, "dev");
                } else if (ElementWalk.childOfOutermost(path, "disk", "source")) {
                    source = r.getAttributeValue(null, "file");
                    source = source != null ? source : r.getAttributeValue(null, "dev");
                }
                return null;
            }

            @Override
            public void end(List<String> path) {
                if (ElementWalk.isOutermost(path, "disk") && target != null && !target.isBlank() && source != null) {
                    sources.put(target.strip(), source);
                }
            }
        });
        return sources;
    }

    private static void read(String domainXml, ElementWalk.Visitor<Void> visitor) {
        try {
            ElementWalk.walk(domainXml, visitor);
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("not a domain description: " + e.getMessage(), e);
        }
    }

    private static void write(DomainSpec spec, IndentingXmlOut out) throws XMLStreamException {
        out.start("domain").attr("type", spec.domainType());
        if (spec.rawData() != null && !spec.rawData().isBlank()) {
            out.raw().writeNamespace("qemu", RawDataFragment.QEMU_NS);
        }
        out.leaf("name", spec.name());
        out.optLeaf("uuid", spec.uuid());
        out.start("memory").attr("unit", "KiB");
        out.raw().writeCharacters(Long.toString(spec.memoryKb()));
        out.end();
        out.leaf("vcpu", Integer.toString(spec.vcpu()));
        writeOs(spec.os(), out);
        // ACPI lets shutdown() reach the guest as a power-button press (OpenNebula's kvmrc default).
        out.start("features").empty("acpi").end();
        if (spec.hostCpuPassthrough()) {
            out.empty("cpu").attr("mode", "host-passthrough");
        }
        out.leaf("on_poweroff", "destroy");
        out.leaf("on_reboot", "restart");
        out.leaf("on_crash", "destroy");
        out.start("devices");
        for (DomainSpec.Disk disk : spec.disks()) {
            writeDisk(disk, out);
        }
        for (DomainSpec.Nic nic : spec.nics()) {
            writeNic(nic, out);
        }
        if (spec.graphics() != null) {
            writeGraphics(spec.graphics(), out);
        }
        writeSerialConsole(spec.serialLog(), out);
        out.end();
        if (spec.rawData() != null && !spec.rawData().isBlank()) {
            RawDataFragment.copy(spec.rawData(), out);
        }
        out.end();
    }

    private static void writeOs(DomainSpec.Os os, IndentingXmlOut out) throws XMLStreamException {
        out.optLeaf("bootloader", os.bootloader());
        out.start("os");
        out.start("type").attr("arch", os.archOrDefault());
        out.raw().writeCharacters("hvm");
        out.end();
        out.optLeaf("kernel", os.kernel());
        out.optLeaf("initrd", os.initrd());
        String cmdline = kernelCommandLine(os);
        out.optLeaf("cmdline", cmdline);
        if (os.boot() != null && !os.boot().isBlank()) {
            for (String dev : os.boot().split(",")) {
                if (!dev.isBlank()) {
                    out.empty("boot").attr("dev", dev.strip());
                }
            }
        } else if (os.kernel() == null || os.kernel().isBlank()) {
            out.empty("boot").attr("dev", "hd");
        }
        out.end();
    }

    /** ROOT becomes {@code root=/dev/<ROOT>} in front of KERNEL_CMD, as OpenNebula's KVM driver did. */
    static String kernelCommandLine(DomainSpec.Os os) {
        StringBuilder cmd = new StringBuilder();
        if (os.root() != null && !os.root().isBlank()) {
            cmd.append("root=/dev/").append(os.root().strip());
        }
        if (os.kernelCmd() != null && !os.kernelCmd().isBlank()) {
            if (cmd.length() > 0) {
                cmd.append(' ');
            }
            cmd.append(os.kernelCmd().strip());
        }
        return cmd.toString();
    }

    private static void writeDisk(DomainSpec.Disk disk, IndentingXmlOut out) throws XMLStreamException {
        DomainSpec.Network net = disk.network();
        out.start("disk").attr("type", net != null ? "network" : disk.blockDevice() ? "block" : "file")
                .attr("device", disk.cdrom() ? "cdrom" : "disk");
        out.empty("driver").attr("name", "qemu").attr("type", disk.driverTypeOrRaw());
        if (net != null) {
            out.start("source").attr("protocol", net.protocol()).attr("name", net.name());
            out.empty("host").attr("name", net.host());
            if (net.port() > 0) {
                out.attr("port", Integer.toString(net.port()));
            }
            out.end();
        } else {
            out.empty("source").attr(disk.blockDevice() ? "dev" : "file", disk.source());
        }
        out.empty("target").attr("dev", disk.target()).attr("bus", disk.busOrDerived());
        if (disk.readOnly() || disk.cdrom()) {
            out.empty("readonly");
        }
        out.end();
    }

    private static void writeNic(DomainSpec.Nic nic, IndentingXmlOut out) throws XMLStreamException {
        boolean bridged = nic.bridge() != null && !nic.bridge().isBlank();
        out.start("interface").attr("type", bridged ? "bridge" : "user");
        if (bridged) {
            out.empty("source").attr("bridge", nic.bridge());
        }
        if (nic.mac() != null && !nic.mac().isBlank()) {
            out.empty("mac").attr("address", nic.mac());
        }
        if (nic.model() != null && !nic.model().isBlank()) {
            out.empty("model").attr("type", nic.model());
        }
        out.end();
    }

    private static void writeGraphics(DomainSpec.Graphics g, IndentingXmlOut out) throws XMLStreamException {
        String type = g.type().strip().toLowerCase(java.util.Locale.ROOT);
        out.empty("graphics").attr("type", type);
        if (g.port() < 0) {
            out.attr("port", "-1").attr("autoport", "yes");
        } else {
            out.attr("port", Integer.toString(g.port())).attr("autoport", "no");
        }
        out.optAttr("listen", g.listen()).optAttr("keymap", g.keymap());
    }

    private static void writeSerialConsole(String logPath, IndentingXmlOut out) throws XMLStreamException {
        String kind = logPath == null || logPath.isBlank() ? "pty" : "file";
        out.start("serial").attr("type", kind);
        if (kind.equals("file")) {
            out.empty("source").attr("path", logPath);
        }
        out.empty("target").attr("port", "0");
        out.end();
        out.start("console").attr("type", kind);
        if (kind.equals("file")) {
            out.empty("source").attr("path", logPath);
        }
        out.empty("target").attr("type", "serial").attr("port", "0");
        out.end();
    }
}
