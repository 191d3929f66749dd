package eu.stratuslab.quarantine;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Where the volumes of VMs live (pdisk), as the quarantine needs it: read, relabel and delete
 * volumes with the rights of the storage superuser. The quarantine owns this interface so that it
 * depends on no storage client; the hooks implement it with their pdisk client.
 *
 * <p>Failures are {@link IOException}s whose message is the storage's own text.
 */
public interface QuarantineStore {

    /** The storage superuser: quarantined volumes are given to it (hooks.md §5.1 step 2). */
    String superuser();

    /** Every volume the superuser sees. */
    List<StoredVolume> list() throws IOException;

    /** @return the volume, or null when the storage does not know it */
    StoredVolume find(String uuid) throws IOException;

    /**
     * Sets the given fields ({@code owner}, {@code quarantine}) of a volume.
     *
     * @return false when the storage does not know the volume
     */
    boolean update(String uuid, Map<String, String> fields) throws IOException;

    /** Whether any mount (a VM using it) is recorded for the volume. */
    boolean mounted(String uuid) throws IOException;

    /** @return false when the volume was already gone */
    boolean delete(String uuid) throws IOException;

    /** One volume; {@code quarantine} is empty when the volume is not in quarantine. */
    record StoredVolume(String uuid, String owner, String identifier, String quarantine, String tag, String type) {
        public StoredVolume {
            owner = owner == null ? "" : owner;
            identifier = identifier == null ? "" : identifier;
            quarantine = quarantine == null ? "" : quarantine;
            tag = tag == null ? "" : tag;
            type = type == null ? "" : type;
        }

        public boolean quarantined() {
            return !quarantine.isBlank();
        }

        /** A VM's own copy-on-write snapshot of an image (pdisk-api.md §5.7). */
        public boolean snapshot() {
            return identifier.startsWith("snapshot:");
        }
    }
}
