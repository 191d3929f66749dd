package eu.stratuslab.core.vmmanager;

import eu.stratuslab.template.Template;
import eu.stratuslab.template.VectorAttribute;
import eu.stratuslab.template.vm.SwapDisks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the prolog makes of each DISK of a VM and how the domain then sees it; shared by the prolog
 * (which creates the files) and {@link DomainSpecFactory} (which attaches them), so both agree on
 * file names and formats. DISK_ID is the position of the DISK in the template (template.md §5.4).
 */
public final class DiskPlan {

    public enum Kind {
        /** swap of size 0: no file, no device */
        SKIPPED,
        /** TYPE=swap, SIZE MB: sparse file + mkswap */
        SWAP,
        /** TYPE=fs, SIZE MB: sparse file, file system FORMAT when mkfs is available */
        VOLATILE,
        /** local image file: qcow2 copy-on-write overlay on the source */
        LOCAL_IMAGE,
        /** a source this installation cannot serve; {@link Disk#refusal()} says why */
        REFUSED
    }

    /**
     * One DISK.
     *
     * @param driverType format of {@code disk.<id>} as the domain must read it
     */
    public record Disk(int diskId, Kind kind, String target, String source, long sizeMb, String format,
                       String driverType, boolean readOnly, boolean cdrom, String refusal) {
    }

    private final List<Disk> disks;
    private final int diskVectors;

    private DiskPlan(List<Disk> disks, int diskVectors) {
        this.disks = List.copyOf(disks);
        this.diskVectors = diskVectors;
    }

    /**
     * @param ownerIsOneadmin whether the VM owner is in group 0: only they may use local files
     */
    public static DiskPlan of(Template template, boolean ownerIsOneadmin) {
        List<VectorAttribute> vectors = template.vectors("DISK");
        List<Disk> out = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            out.add(plan(vectors.get(i), diskId(vectors.get(i), i), ownerIsOneadmin));
        }
        return new DiskPlan(out, vectors.size());
    }

    private static int diskId(VectorAttribute d, int position) {
        String id = d.get("DISK_ID");
        try {
            return id == null ? position : Integer.parseInt(id.trim());
        } catch (NumberFormatException e) {
            return position;
        }
    }

    private static Disk plan(VectorAttribute d, int id, boolean oneadmin) {
        String type = lower(d.get("TYPE"));
        String target = d.get("TARGET");
        boolean readOnly = "yes".equals(lower(d.get("READONLY")));
        boolean cdrom = "cdrom".equals(type);
        String source = d.get("SOURCE");
        if ("swap".equals(type)) {
            if (SwapDisks.isSkipped(d)) {
                return new Disk(id, Kind.SKIPPED, target, null, 0, null, null, false, false, null);
            }
            return sized(d, id, Kind.SWAP, target, "swap");
        }
        if ("fs".equals(type)) {
            String format = d.get("FORMAT");
            return sized(d, id, Kind.VOLATILE, target, format == null || format.isBlank() ? "raw" : format.strip());
        }
        String refusal = switch (DiskSource.classify(source)) {
            case MARKETPLACE, MARKETPLACE_ID -> "prolog: marketplace images need the image-cache hooks, which are not"
                    + " installed (DISK " + id + ", SOURCE " + source + ")";
            case PDISK -> "prolog: persistent disks need the pdisk hooks, which are not installed (DISK " + id
                    + ", SOURCE " + source + ")";
            case LOCAL_FILE -> oneadmin ? null : "prolog: Unsupported disk source: " + source
                    + " (local files are reserved to the oneadmin group)";
            case UNSUPPORTED -> "prolog: Unsupported disk source: " + (source == null ? "" : source);
        };
        if (refusal != null) {
            return new Disk(id, Kind.REFUSED, target, source, 0, null, null, readOnly, cdrom, refusal);
        }
        String declared = lower(d.get("DRIVER"));
        return new Disk(id, Kind.LOCAL_IMAGE, target, source.strip(), 0,
                declared == null || declared.isBlank() ? null : declared, "qcow2", readOnly, cdrom, null);
    }

    private static Disk sized(VectorAttribute d, int id, Kind kind, String target, String format) {
        long size;
        try {
            size = Long.parseLong(d.get("SIZE").trim());
        } catch (RuntimeException e) {
            return new Disk(id, Kind.REFUSED, target, null, 0, null, null, false, false,
                    "prolog: DISK " + id + " of TYPE " + lower(d.get("TYPE")) + " needs a SIZE in MB, got '"
                            + d.get("SIZE") + "'");
        }
        if (size <= 0) {
            return new Disk(id, Kind.REFUSED, target, null, 0, null, null, false, false,
                    "prolog: DISK " + id + " has a non-positive SIZE " + size);
        }
        return new Disk(id, kind, target, null, size, format, "raw", "yes".equals(lower(d.get("READONLY"))), false, null);
    }

    private static String lower(String s) {
        return s == null ? null : s.strip().toLowerCase(Locale.ROOT);
    }

    public List<Disk> disks() {
        return disks;
    }

    /** The DISK_ID of the context image: the number of DISK vectors, skipped ones included. */
    public int contextDiskId() {
        return diskVectors;
    }

    /** The first refusal, or null when every disk can be prepared. */
    public String firstRefusal() {
        return disks.stream().filter(d -> d.kind() == Kind.REFUSED).map(Disk::refusal).findFirst().orElse(null);
    }
}
