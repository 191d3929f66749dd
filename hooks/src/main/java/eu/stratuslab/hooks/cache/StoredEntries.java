package eu.stratuslab.hooks.cache;

import eu.stratuslab.marketplace.manifest.Manifest;
import eu.stratuslab.marketplace.manifest.ManifestEntry;
import eu.stratuslab.marketplace.manifest.ManifestException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The manifest entries that were accepted when an origin was cached (hooks.md §3.2 step 5, §4.2
 * step 9), kept on the front-end as {@code <dir>/<origin uuid>.xml}, so the policy can still be
 * evaluated for a cache hit when the marketplace is unreachable or has dropped the image.
 */
public final class StoredEntries {
    private final Path dir;

    public StoredEntries(Path dir) {
        this.dir = dir;
    }

    public void store(String originUuid, List<ManifestEntry> entries) throws IOException {
        Files.createDirectories(dir);
        Path file = file(originUuid);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, Manifest.of(entries).toXml());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The stored entries, empty when none were kept (or the file is unreadable: logged by the caller). */
    public List<ManifestEntry> load(String originUuid) throws IOException {
        Path file = file(originUuid);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Manifest.parse(Files.readAllBytes(file)).entries();
        } catch (ManifestException e) {
            throw new IOException("stored manifest " + file + " is unreadable: " + e.getMessage(), e);
        }
    }

    private Path file(String originUuid) {
        if (!originUuid.matches("[0-9a-fA-F-]{1,64}")) {
            throw new IllegalArgumentException("not a volume uuid: " + originUuid);
        }
        return dir.resolve(originUuid + ".xml");
    }
}
