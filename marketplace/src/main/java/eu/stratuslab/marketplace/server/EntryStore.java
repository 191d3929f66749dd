package eu.stratuslab.marketplace.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import eu.stratuslab.marketplace.manifest.ManifestEntry;
import eu.stratuslab.marketplace.manifest.ManifestException;

/**
 * Entries on disk, one file each: {@code <root>/<id>/<email>/<created>.xml}, holding the entry
 * exactly as it was verified (signature included). Files are written to a temporary name and
 * renamed, so a crash leaves either the old state or the new file, never half a file. The
 * directory is the only state: an in-memory index is rebuilt from it at start.
 */
final class EntryStore {

    private static final Logger LOG = LoggerFactory.getLogger(EntryStore.class);
    private static final String SUFFIX = ".xml";

    enum PutOutcome { CREATED, UNCHANGED, REPLACED, CONFLICT }

    private final Path root;
    /** identifier → entries of that image (any endorser, any date). */
    private final Map<String, List<StoredEntry>> byImage = new HashMap<>();

    EntryStore(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root);
        load();
    }

    private void load() throws IOException {
        int loaded = 0;
        try (Stream<Path> files = Files.walk(root, 3)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (!Files.isRegularFile(file) || !name.endsWith(SUFFIX) || name.startsWith(".")) {
                    continue;
                }
                try {
                    StoredEntry e = EntryRules.keyOf(ManifestEntry.parse(Files.readAllBytes(file)));
                    index(e);
                    loaded++;
                } catch (ManifestException | MarketplaceRequestException | IOException e) {
                    // kept on disk for the operator; it is simply not offered
                    LOG.warn("ignoring unreadable marketplace entry {}: {}", file, e.getMessage());
                }
            }
        }
        LOG.info("marketplace store {}: {} entries of {} images", root, loaded, byImage.size());
    }

    private void index(StoredEntry e) {
        List<StoredEntry> list = byImage.computeIfAbsent(e.identifier(), k -> new ArrayList<>());
        list.removeIf(old -> sameKey(old, e));
        list.add(e);
    }

    private static boolean sameKey(StoredEntry a, StoredEntry b) {
        return a.identifier().equals(b.identifier()) && a.endorser().equals(b.endorser())
                && a.createdKey().equals(b.createdKey());
    }

    synchronized PutOutcome put(StoredEntry entry, boolean replace) throws IOException {
        byte[] xml = entry.entry().toXml();
        Optional<StoredEntry> existing = get(entry.identifier(), entry.endorser(), entry.createdKey());
        PutOutcome outcome = PutOutcome.CREATED;
        if (existing.isPresent()) {
            if (Arrays.equals(existing.get().entry().toXml(), xml)) {
                return PutOutcome.UNCHANGED;
            }
            if (!replace) {
                return PutOutcome.CONFLICT;
            }
            outcome = PutOutcome.REPLACED;
        }
        writeAtomically(fileOf(entry), xml);
        index(entry);
        return outcome;
    }

    synchronized Optional<StoredEntry> get(String identifier, String endorser, String createdKey) {
        return byImage.getOrDefault(identifier, List.of()).stream()
                .filter(e -> e.endorser().equals(endorser) && e.createdKey().equals(createdKey))
                .findFirst();
    }

    /** Per endorser, the latest entry among those current at {@code now}; ordered by endorser. */
    synchronized List<StoredEntry> current(String identifier, Instant now) {
        Map<String, StoredEntry> latest = new HashMap<>();
        for (StoredEntry e : byImage.getOrDefault(identifier, List.of())) {
            if (e.entry().isCurrentAt(now)) {
                latest.merge(e.endorser(), e, (a, b) -> b.created().isAfter(a.created()) ? b : a);
            }
        }
        return latest.values().stream().sorted(Comparator.comparing(StoredEntry::endorser)).toList();
    }

    /** {@link #current} of every image, ordered by identifier then endorser. */
    synchronized List<StoredEntry> currentAll(Instant now) {
        return byImage.keySet().stream().sorted().flatMap(id -> current(id, now).stream()).toList();
    }

    private Path fileOf(StoredEntry e) {
        return root.resolve(e.identifier()).resolve(e.endorser()).resolve(e.createdKey() + SUFFIX);
    }

    /** Write, flush to disk, then rename over the target: readers never see a partial file. */
    static void writeAtomically(Path target, byte[] data) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(data);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
