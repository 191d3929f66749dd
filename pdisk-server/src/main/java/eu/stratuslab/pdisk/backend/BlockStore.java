package eu.stratuslab.pdisk.backend;

import java.nio.file.Path;

/** Where exported volumes live: raw files or LVM logical volumes. */
public interface BlockStore {

    void create(String uuid, long sizeGiB);

    void delete(String uuid);

    /** A writable copy-on-write (LVM) or full sparse copy (files) of {@code baseUuid}. */
    void snapshot(String baseUuid, String newUuid, long sizeGiB);

    /** Copies {@code uuid} into a new independent volume {@code newUuid}. */
    void copyToNew(String uuid, String newUuid);

    /** Path of the block device or file backing the volume. */
    Path path(String uuid);

    boolean exists(String uuid);
}
