package eu.stratuslab.cli.vm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The VM template {@code stratus-run-instance} sends (template.md §2, examples in §3): the legacy
 * client's skeleton and attribute shapes, without its defects (legacy-cli.md §9) — extra disks get
 * distinct targets ({@code <p>c}, {@code <p>d}, … skipping the context target {@code hdd}), CONTEXT
 * and other quoted values escape {@code "}, RAW data is sent unchanged and a swap of size 0 is
 * omitted.
 */
public final class VmTemplate {
    public static final String CONTEXT_TARGET = "hdd";

    // every field is set by the builder-style setters below; null means "absent"
    String cpu = "1";
    int vcpu = 1;
    String memory = "1536";
    String requirements;
    String name;
    String kernel;
    String ramdisk;
    String busPrefix = "hd";
    String rootSource;
    boolean save;
    String driver = "raw";
    String swapMb = "0";
    String volatileGiB;
    final List<String> persistentSources = new ArrayList<>();
    final List<String> readOnlySources = new ArrayList<>();
    String network = "public";
    String ip;
    String nicModel;
    String vncPort = "-1";
    String vncListen;
    String keymap = "en-us";
    String rawData;
    String publicKey = "";
    final Map<String, String> context = new LinkedHashMap<>();
    final Map<String, String> createImage = new LinkedHashMap<>();
    final List<String> inboundPorts = new ArrayList<>();

    public VmTemplate cpu(String cpu, int vcpu) {
        this.cpu = cpu;
        this.vcpu = vcpu;
        return this;
    }

    public VmTemplate memory(String mb) {
        this.memory = mb;
        return this;
    }

    public VmTemplate swap(String mb) {
        this.swapMb = mb;
        return this;
    }

    public VmTemplate requirements(String expr) {
        this.requirements = expr;
        return this;
    }

    public VmTemplate name(String vmName) {
        this.name = vmName;
        return this;
    }

    public VmTemplate kernel(String vmKernel, String vmRamdisk) {
        this.kernel = vmKernel;
        this.ramdisk = vmRamdisk;
        return this;
    }

    public VmTemplate bus(String prefix) {
        this.busPrefix = prefix;
        return this;
    }

    public VmTemplate root(String source, String driverName, boolean saveAsImage) {
        this.rootSource = Objects.requireNonNull(source, "source");
        this.driver = driverName == null ? "" : driverName;
        this.save = saveAsImage;
        return this;
    }

    public VmTemplate volatileDisk(String gib) {
        this.volatileGiB = gib;
        return this;
    }

    public VmTemplate persistentDisk(String source) {
        this.persistentSources.add(source);
        return this;
    }

    public VmTemplate readOnlyDisk(String source) {
        this.readOnlySources.add(source);
        return this;
    }

    public VmTemplate nic(String networkName, String address, String model) {
        this.network = networkName;
        this.ip = address;
        this.nicModel = model;
        return this;
    }

    public VmTemplate graphics(String port, String listen, String map) {
        this.vncPort = port;
        this.vncListen = listen;
        this.keymap = map;
        return this;
    }

    public VmTemplate raw(String data) {
        this.rawData = data;
        return this;
    }

    public VmTemplate publicKey(String keyText) {
        this.publicKey = keyText;
        return this;
    }

    /** An extra CONTEXT key, spelled as the user wrote it; a later value for the same key wins. */
    public VmTemplate context(String key, String value) {
        this.context.put(key, value);
        return this;
    }

    public VmTemplate createImage(String key, String value) {
        this.createImage.put(key, value);
        return this;
    }

    public VmTemplate inboundPorts(List<String> ports) {
        this.inboundPorts.clear();
        this.inboundPorts.addAll(ports);
        return this;
    }

    /** {@code "} escaped as {@code \"} (template.md §1: the only escape of quoted values). */
    public static String quote(String value) {
        return "\"" + value.replace("\"", "\\\"") + "\"";
    }

    /** The targets of the extra disks, in order: {@code <p>c}, {@code <p>d}, … never the context's {@code hdd}. */
    List<String> extraTargets(int count) {
        List<String> out = new ArrayList<>();
        char letter = 'c';
        while (out.size() < count) {
            String t = busPrefix + letter++;
            if (!t.equals(CONTEXT_TARGET)) {
                out.add(t);
            }
        }
        return out;
    }

    public String render() {
        if (rootSource == null) {
            throw new IllegalStateException("no root disk");
        }
        StringBuilder t = new StringBuilder("# ---- Stratuslab VM template ----\n\n");
        t.append("CPU    = ").append(cpu).append('\n');
        t.append("VCPU    = ").append(vcpu).append('\n');
        t.append("MEMORY = ").append(memory).append('\n');
        t.append("RANK = \"- RUNNING_VMS\"\n");
        t.append(requirements == null ? "" : "REQUIREMENTS = " + quote(requirements)).append('\n');
        t.append(name == null ? "" : "NAME = " + quote(name)).append('\n');
        if (kernel != null || ramdisk != null) {
            t.append("OS = [ ");
            if (kernel != null) {
                t.append("kernel = ").append(quote(kernel)).append(ramdisk != null ? ", " : " ");
            }
            if (ramdisk != null) {
                t.append("initrd = ").append(quote(ramdisk)).append(' ');
            }
            t.append("]");
        }
        t.append('\n');
        t.append("DISK = [\n")
                .append("source   = ").append(quote(rootSource)).append(",\n")
                .append("target   = \"").append(busPrefix).append("a\",\n")
                .append("save     = ").append(save ? "yes" : "no").append(",\n")
                .append("readonly = \"no\",\n")
                .append("driver = ").append(quote(driver)).append('\n')
                .append("]\n");
        if (!isZero(swapMb)) {
            t.append("DISK = [\n")
                    .append("type     = swap,\n")
                    .append("size     = ").append(swapMb).append(",\n")
                    .append("target   = \"").append(busPrefix).append("b\",\n")
                    .append("readonly = \"no\"\n")
                    .append("]\n");
        }
        int extras = (volatileGiB == null ? 0 : 1) + persistentSources.size() + readOnlySources.size();
        List<String> targets = extraTargets(extras);
        int next = 0;
        if (volatileGiB != null) {
            t.append("DISK=[\n  FORMAT=ext3,\n  READONLY=no,\n  SAVE=no,\n  SIZE=")
                    .append(Long.parseLong(volatileGiB.strip()) * 1024).append(",\n  TARGET=")
                    .append(targets.get(next++)).append(",\n  TYPE=fs ]\n");
        }
        for (String source : persistentSources) {
            t.append("DISK=[\n  SOURCE=").append(quote(source)).append(",\n  TARGET=")
                    .append(targets.get(next++)).append(",\n  TYPE=block ]\n");
        }
        for (String source : readOnlySources) {
            t.append("DISK=[\n  SOURCE=").append(quote(source)).append(",\n  READONLY=no,\n  SAVE=no,\n  TARGET=")
                    .append(targets.get(next++)).append(",\n  DRIVER=\"raw\" ]\n");
        }
        t.append('\n');
        t.append("NIC = [ network_uname=oneadmin,network = ").append(quote(network));
        if (ip != null) {
            t.append(" ,\nIP = ").append(quote(ip));
        }
        if (nicModel != null) {
            t.append(ip == null ? " ,\n" : ",\n").append("MODEL = ").append(quote(nicModel));
        }
        t.append(ip == null && nicModel == null ? " ]\n" : "]\n");
        t.append('\n');
        t.append("GRAPHICS = [\nport = ").append(quote(vncPort)).append(",\n");
        if (vncListen != null) {
            t.append("listen = ").append(quote(vncListen)).append(",\n");
        }
        t.append("keymap = ").append(quote(keymap)).append(",\ntype = \"vnc\"\n]\n\n");
        if (rawData != null) {
            t.append("RAW = [ type=\"kvm\", data=").append(quote(rawData)).append(" ]\n\n");
        }
        t.append("CONTEXT = [\npublic_key = ").append(quote(publicKey)).append(",\n");
        context.forEach((k, v) -> t.append(k).append(" = ").append(quote(v)).append(",\n"));
        t.append("target = \"").append(CONTEXT_TARGET).append("\"\n]\n\n");
        if (!createImage.isEmpty()) {
            t.append("CREATE_IMAGE = [\n");
            List<String> lines = new ArrayList<>();
            createImage.forEach((k, v) -> lines.add(k + " = " + quote(v)));
            t.append(String.join(",\n", lines)).append("\n]\n");
        }
        t.append(inboundPorts.isEmpty() ? "" : "INBOUND_PORTS = " + quote(String.join(",", inboundPorts))).append('\n');
        return t.toString();
    }

    private static boolean isZero(String number) {
        try {
            return Double.parseDouble(number.strip()) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
