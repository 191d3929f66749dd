package eu.stratuslab.pdisk.model;

import java.time.Instant;
import java.util.List;

/**
 * One persistent disk (pdisk-api.md §6.1). Immutable; {@code count} is derived by the repository
 * (live snapshots for an origin, mounts otherwise) and never stored.
 */
public record Disk(
        String uuid,
        String owner,
        List<String> group,
        Visibility visibility,
        Instant creation,
        String tag,
        long size,
        String quarantine,
        String identifier,
        boolean seed,
        String baseDiskUuid,
        DiskType type,
        int count) {

    public Disk {
        owner = owner == null ? "" : owner;
        group = group == null ? List.of() : List.copyOf(group);
        tag = tag == null ? "" : tag;
        quarantine = quarantine == null ? "" : quarantine;
        identifier = identifier == null ? "" : identifier;
    }

    public boolean isPublic() {
        return visibility == Visibility.PUBLIC;
    }

    public Disk withCount(int newCount) {
        return new Disk(uuid, owner, group, visibility, creation, tag, size, quarantine, identifier, seed,
                baseDiskUuid, type, newCount);
    }

    /** Starts a builder from this disk, for updates. */
    public DiskBuilder toBuilder() {
        return new DiskBuilder(this);
    }
}
