package eu.stratuslab.pdisk.model;

import java.time.Instant;
import java.util.List;

/** Mutable companion of {@link Disk} used by create and update. */
public final class DiskBuilder {
    private String uuid;
    private String owner = "";
    private List<String> group = List.of();
    private Visibility visibility = Visibility.PRIVATE;
    private Instant creation = Instant.now();
    private String tag = "";
    private long size;
    private String quarantine = "";
    private String identifier = "";
    private boolean seed;
    private String baseDiskUuid;
    private DiskType type = DiskType.DATA_IMAGE_RAW_READ_WRITE;
    private int count;

    public DiskBuilder() {
    }

    DiskBuilder(Disk d) {
        uuid = d.uuid();
        owner = d.owner();
        group = d.group();
        visibility = d.visibility();
        creation = d.creation();
        tag = d.tag();
        size = d.size();
        quarantine = d.quarantine();
        identifier = d.identifier();
        seed = d.seed();
        baseDiskUuid = d.baseDiskUuid();
        type = d.type();
        count = d.count();
    }

    public DiskBuilder uuid(String v) { uuid = v; return this; }
    public DiskBuilder owner(String v) { owner = v; return this; }
    public DiskBuilder group(List<String> v) { group = v; return this; }
    public DiskBuilder visibility(Visibility v) { visibility = v; return this; }
    public DiskBuilder creation(Instant v) { creation = v; return this; }
    public DiskBuilder tag(String v) { tag = v; return this; }
    public DiskBuilder size(long v) { size = v; return this; }
    public DiskBuilder quarantine(String v) { quarantine = v; return this; }
    public DiskBuilder identifier(String v) { identifier = v; return this; }
    public DiskBuilder seed(boolean v) { seed = v; return this; }
    public DiskBuilder baseDiskUuid(String v) { baseDiskUuid = v; return this; }
    public DiskBuilder type(DiskType v) { type = v; return this; }

    public Disk build() {
        return new Disk(uuid, owner, group, visibility, creation, tag, size, quarantine, identifier, seed,
                baseDiskUuid, type, count);
    }
}
