package eu.stratuslab.pdisk.model;

import java.util.Optional;

/** Disk types of pdisk-api.md §6.2; the ordinal is what the database stores, so never reorder. */
public enum DiskType {
    MACHINE_IMAGE_ORIGIN,
    MACHINE_IMAGE_LIVE,
    DATA_IMAGE_ORIGIN,
    DATA_IMAGE_LIVE,
    DATA_IMAGE_RAW_READONLY,
    DATA_IMAGE_RAW_READ_WRITE;

    /** Exact, case-sensitive lookup as the spec requires. */
    public static Optional<DiskType> parse(String name) {
        for (DiskType t : values()) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
