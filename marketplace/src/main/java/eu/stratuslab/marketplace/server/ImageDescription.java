package eu.stratuslab.marketplace.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import eu.stratuslab.marketplace.manifest.ManifestEntry;

/**
 * What the administrator says about an image (the rest — identifier, size, checksum, endorser,
 * dates, compression, location — the marketplace works out). Defaults: version {@code 1.0},
 * format {@code raw}, os-arch {@code x86_64}; description, os and os-version empty (the elements
 * are required by hooks.md §6, so they are always written).
 */
public final class ImageDescription {

    /** The HTTP form/query parameter names, as in the manifest. */
    public static final List<String> PARAMETERS = List.of("title", "description", "creator", "publisher", "os",
            "os-arch", "os-version", "version", "format", "disks-bus", "inbound-ports");

    private static final Set<String> FORMATS = Set.of("raw", "qcow2");
    private static final Set<String> BUSES = Set.of("ide", "scsi", "virtio");

    private String title;
    private String description = "";
    private String creator;
    private String publisher;
    private String os = "";
    private String osArch = "x86_64";
    private String osVersion = "";
    private String version = "1.0";
    private String format = "raw";
    private String disksBus;
    private List<String> inboundPorts = List.of();

    public static ImageDescription create() {
        return new ImageDescription();
    }

    /**
     * From HTTP parameters named as in {@link #PARAMETERS} ({@code inbound-ports} comma-separated).
     *
     * @throws IllegalArgumentException with a message for the client when a value is not allowed
     */
    public static ImageDescription fromParameters(Map<String, String> p) {
        ImageDescription d = new ImageDescription();
        for (String name : PARAMETERS) { // in this order, so the first bad value is the one reported
            if (p.containsKey(name)) {
                SETTERS.get(name).accept(d, p.get(name));
            }
        }
        return d;
    }

    /** The setter of each of {@link #PARAMETERS}. */
    private static final Map<String, BiConsumer<ImageDescription, String>> SETTERS = Map.ofEntries(
            Map.entry("title", ImageDescription::title),
            Map.entry("description", ImageDescription::description),
            Map.entry("creator", ImageDescription::creator),
            Map.entry("publisher", ImageDescription::publisher),
            Map.entry("os", ImageDescription::os),
            Map.entry("os-arch", ImageDescription::osArch),
            Map.entry("os-version", ImageDescription::osVersion),
            Map.entry("version", ImageDescription::version),
            Map.entry("format", ImageDescription::format),
            Map.entry("disks-bus", ImageDescription::disksBus),
            Map.entry("inbound-ports", (d, v) -> d.inboundPorts(commaSeparated(v))));

    private static List<String> commaSeparated(String text) {
        List<String> items = new ArrayList<>();
        for (String s : text.split(",")) {
            if (!s.isBlank()) {
                items.add(s.strip());
            }
        }
        return items;
    }

    public ImageDescription title(String v) {
        title = blankToNull(v);
        return this;
    }

    public ImageDescription description(String v) {
        description = stripToEmpty(v);
        return this;
    }

    public ImageDescription creator(String v) {
        creator = blankToNull(v);
        return this;
    }

    public ImageDescription publisher(String v) {
        publisher = blankToNull(v);
        return this;
    }

    public ImageDescription os(String v) {
        os = stripToEmpty(v);
        return this;
    }

    public ImageDescription osArch(String v) {
        osArch = stripToEmpty(v);
        return this;
    }

    public ImageDescription osVersion(String v) {
        osVersion = stripToEmpty(v);
        return this;
    }

    public ImageDescription version(String v) {
        String s = stripToEmpty(v);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("version must not be empty");
        }
        version = s;
        return this;
    }

    /** {@code raw} or {@code qcow2} (it becomes the DISK driver). */
    public ImageDescription format(String v) {
        String s = stripToEmpty(v).toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(s)) {
            throw new IllegalArgumentException("format must be raw or qcow2, not '" + v + "'");
        }
        format = s;
        return this;
    }

    /** {@code ide}, {@code scsi} or {@code virtio}; null or blank = not stated. */
    public ImageDescription disksBus(String v) {
        String s = blankToNull(v);
        if (s != null && !BUSES.contains(s.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("disks-bus must be ide, scsi or virtio, not '" + v + "'");
        }
        disksBus = s == null ? null : s.toLowerCase(Locale.ROOT);
        return this;
    }

    public ImageDescription inboundPorts(List<String> ports) {
        for (String port : ports) {
            if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
                throw new IllegalArgumentException("inbound port '" + port + "' is not a port number");
            }
        }
        inboundPorts = List.copyOf(ports);
        return this;
    }

    /**
     * The new entry of image {@code identifier} with this description (the title defaults to the
     * identifier) around what the marketplace worked out, its compression and location; elements
     * are added in the order the original marketplace wrote them.
     */
    ManifestEntry describe(ManifestEntry entry, String identifier, String compression, String location) {
        ManifestEntry e = entry.withTitle(title == null ? identifier : title)
                .withDescription(description)
                .withFormat(format)
                .withCompression(compression)
                .withOs(os)
                .withOsArch(osArch)
                .withOsVersion(osVersion)
                .withVersion(version)
                .withLocation(location);
        if (creator != null) {
            e = e.withCreator(creator);
        }
        if (publisher != null) {
            e = e.withPublisher(publisher);
        }
        if (disksBus != null) {
            e = e.withDisksBus(disksBus);
        }
        if (!inboundPorts.isEmpty()) {
            e = e.withInboundPorts(inboundPorts);
        }
        return e;
    }

    private static String stripToEmpty(String v) {
        return v == null ? "" : v.strip();
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }
}
