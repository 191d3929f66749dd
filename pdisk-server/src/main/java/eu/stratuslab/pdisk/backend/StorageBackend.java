package eu.stratuslab.pdisk.backend;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * The storage actions of pdisk-api.md §10.1, behind one interface. Implementations throw
 * {@link eu.stratuslab.infra.exec.CommandFailedException} (formatted as §5.14) when a command
 * fails; they must leave nothing half-made when one of their own steps fails.
 * Callers serialise operations on one uuid; implementations serialise shared state (e.g. the
 * tgt configuration) themselves.
 */
public interface StorageBackend {

    /** Short name for logs and docs ("file", "lvm", "ceph", ...). */
    String kind();

    void create(String uuid, long sizeGiB);

    void delete(String uuid);

    /** Creates {@code newUuid} as a copy-on-write clone of {@code baseUuid}. */
    void snapshot(String baseUuid, String newUuid, long sizeGiB);

    /**
     * Makes a live snapshot independent. Returns {@code newUuid} when a new volume holding the
     * flattened data was made (LVM, file), or empty when the same volume was made independent.
     */
    Optional<String> rebase(String uuid, String newUuid);

    /** The transport URL the node uses to reach the volume (§9). */
    String turl(String uuid);

    default void map(String uuid) {
    }

    default void unmap(String uuid) {
    }

    boolean exists(String uuid);

    /** Raw bytes of the volume from offset 0 (for gzip download). */
    InputStream openForRead(String uuid) throws IOException;

    /** Writes raw bytes from offset 0 (for URL initialisation and upload) without truncating. */
    OutputStream openForWrite(String uuid) throws IOException;
}
