package eu.stratuslab.hooks.transfer;

import eu.stratuslab.template.Template;
import eu.stratuslab.template.VectorAttribute;
import eu.stratuslab.template.vm.SwapDisks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the prolog makes of each DISK of a VM (hooks.md §3.1), decided from the template alone,
 * before anything is touched. DISK_ID is the position of the DISK in the template (template.md §5.4).
 */
public final class DiskPlan {

    public enum Kind {
        /** swap of size 0: no file, no device */
        SKIPPED,
        /** TYPE=swap, SIZE MB: sparse file + mkswap */
        SWAP,
        /** TYPE=fs, SIZE MB: sparse file, file system FORMAT */
        VOLATILE,
        /** local image file (oneadmin group): qcow2 copy-on-write overlay on the source */
        LOCAL_IMAGE,
        /** marketplace image: cached origin in pdisk, policy, per-VM snapshot (§3.2) */
        MARKETPLACE,
        /** persistent disk {@code pdisk:…} (§3.4) */
        PDISK,
        /** a source the prolog refuses; {@link Disk#refusal()} says why */
        REFUSED
    }

    /** One DISK. {@code format} is FORMAT for volatile disks and DRIVER otherwise. */
    public record Disk(int diskId, Kind kind, String target, String source, long sizeMb, String format,
                       boolean readOnly, boolean cdrom, String refusal) {
    }

    private final List<Disk> disks;
    private final int diskVectors;

    private DiskPlan(List<Disk> disks, int diskVectors) {
        this.disks = List.copyOf(disks);
        this.diskVectors = diskVectors;
    }

    /** @param ownerIsOneadmin whether the VM owner is in group 0: only they may use local files */
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
                return new Disk(id, Kind.SKIPPED, target, null, 0, null, false, false, null);
            }
            return sized(d, id, Kind.SWAP, target, "swap");
        }
        if ("fs".equals(type)) {
            String format = d.get("FORMAT");
            return sized(d, id, Kind.VOLATILE, target, format == null || format.isBlank() ? "raw" : format.strip());
        }
        String driver = lower(d.get("DRIVER"));
        driver = driver == null || driver.isBlank() ? null : driver;
        Kind kind;
        String refusal = null;
        switch (DiskSource.classify(source)) {
            case MARKETPLACE, MARKETPLACE_ID -> kind = Kind.MARKETPLACE;
            case PDISK -> kind = Kind.PDISK;
            case LOCAL_FILE -> {
                kind = oneadmin ? Kind.LOCAL_IMAGE : Kind.REFUSED;
                refusal = oneadmin ? null : "prolog: Unsupported disk source: " + source.strip()
                        + " (local files are reserved to the oneadmin group)";
            }
            default -> {
                kind = Kind.REFUSED;
                refusal = "prolog: Unsupported disk source: " + (source == null ? "" : source.strip());
            }
        }
        return new Disk(id, kind, target, source == null ? null : source.strip(), 0, driver, readOnly, cdrom, refusal);
    }

    private static Disk sized(VectorAttribute d, int id, Kind kind, String target, String format) {
        long size;
        try {
            size = Long.parseLong(d.get("SIZE").trim());
        } catch (RuntimeException e) {
            return new Disk(id, Kind.REFUSED, target, null, 0, null, false, false,
                    "prolog: DISK " + id + " of TYPE " + lower(d.get("TYPE")) + " needs a SIZE in MB, got '"
                            + d.get("SIZE") + "'");
        }
        if (size <= 0) {
            return new Disk(id, Kind.REFUSED, target, null, 0, null, false, false,
                    "prolog: DISK " + id + " has a non-positive SIZE " + size);
        }
        return new Disk(id, kind, target, null, size, format, "yes".equals(lower(d.get("READONLY"))), false, null);
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
