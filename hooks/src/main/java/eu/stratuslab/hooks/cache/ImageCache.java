package eu.stratuslab.hooks.cache;

import eu.stratuslab.hooks.pdisk.PdiskClient;
import eu.stratuslab.hooks.pdisk.PdiskVolume;
import eu.stratuslab.hooks.policy.SitePolicy;
import eu.stratuslab.infra.metrics.Metrics;
import eu.stratuslab.marketplace.manifest.FetchResult;
import eu.stratuslab.marketplace.manifest.ManifestEntry;
import java.io.IOException;
import java.net.URI;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image cache of hooks.md §3.2 steps 1–5: marketplace images are cached once in pdisk as a
 * {@code MACHINE_IMAGE_ORIGIN} volume whose {@code identifier} is the marketplace id, and the
 * site policy is evaluated at every deployment, cache hit or miss. Work on one id is serialised,
 * so many VMs starting one uncached image make one origin and one download.
 */
public final class ImageCache {
    private static final Logger LOG = LoggerFactory.getLogger(ImageCache.class);
    private static final long GB = 1_000_000_000L;

    private final PdiskClient pdisk;
    private final ManifestSource manifests;
    private final SitePolicy policy;
    private final StoredEntries stored;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Metrics metrics;
    public static final String LOOKUPS_METER = "stratuslab.image.cache.lookups";
    public static final String BYTES_METER = "stratuslab.image.cache.fetched.bytes";

    public ImageCache(PdiskClient pdisk, ManifestSource manifests, SitePolicy policy, StoredEntries stored) {
        this(pdisk, manifests, policy, stored, Metrics.none());
    }

    /** @param metrics counts hits and misses ({@value #LOOKUPS_METER}) and the bytes of images cached ({@value #BYTES_METER}) */
    public ImageCache(PdiskClient pdisk, ManifestSource manifests, SitePolicy policy, StoredEntries stored,
                      Metrics metrics) {
        this.metrics = Metrics.orNone(metrics);
        this.pdisk = pdisk;
        this.manifests = manifests;
        this.policy = policy;
        this.stored = stored;
    }

    /** What a deployment gets: the origin volume and whether it was already cached. */
    public record Origin(PdiskVolume volume, boolean hit) {
    }

    /**
     * The cached origin of {@code id}, created from its manifest when missing, after the policy
     * accepted at least one entry.
     *
     * @param log receives the lines worth a place in the VM log (policy reasons, cache outcome)
     * @throws IOException with the message of hooks.md §9 (without the {@code prolog: } prefix)
     */
    public Origin origin(URI marketplace, String id, Consumer<String> log) throws IOException {
        ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
        lock.lock();
        try {
            FetchResult fetched = manifests.fetch(marketplace, id);
            List<ManifestEntry> current = fetched.entries();
            if (!fetched.isFound()) {
                log.accept("manifest of " + id + " from " + marketplace + ": " + fetched.message());
            }
            PdiskVolume cached = lookup(id);
            List<ManifestEntry> entries;
            if (!current.isEmpty()) {
                entries = current;
            } else if (cached != null) {
                entries = stored.load(cached.uuid());
                if (!entries.isEmpty()) {
                    log.accept("using the manifest entries stored with the cached origin " + cached.uuid());
                }
            } else {
                entries = List.of();
            }
            if (entries.isEmpty()) {
                throw new IOException("Failed to get manifest for image " + id);
            }
            List<ManifestEntry> accepted = policy.filter(entries, ImageCache::facts, reason -> {
                log.accept(reason);
                LOG.info("policy, image {}: {}", id, reason);
            });
            if (accepted.isEmpty()) {
                throw new IOException("Image isn't valid according to site policy (" + id + ")");
            }
            if (cached != null) {
                log.accept("image " + id + " found in the cache: origin " + cached.uuid());
                metrics.count(LOOKUPS_METER, 1, "result", "hit");
                return new Origin(cached, true);
            }
            metrics.count(LOOKUPS_METER, 1, "result", "miss");
            PdiskVolume created = create(marketplace, id, accepted.get(0));
            metrics.count(BYTES_METER, accepted.get(0).bytes().orElse(0L));
            stored.store(created.uuid(), accepted);
            log.accept("image " + id + " cached as origin " + created.uuid());
            return new Origin(created, false);
        } finally {
            lock.unlock();
        }
    }

    /** Exact identifier, type MACHINE_IMAGE_ORIGIN, not quarantined; the newest wins (§3.2 step 3). */
    private PdiskVolume lookup(String id) throws IOException {
        return pdisk.list().stream()
                .filter(v -> id.equals(v.identifier()) && "MACHINE_IMAGE_ORIGIN".equals(v.type()) && !v.quarantined())
                .findFirst().orElse(null);
    }

    private PdiskVolume create(URI marketplace, String id, ManifestEntry entry) throws IOException {
        List<String> locations = entry.locations();
        if (locations.isEmpty()) {
            throw new IOException("Image location(s) are not set in manifest for the image with ID " + id);
        }
        try {
            manifests.checkLocation(marketplace, locations.get(0));
        } catch (IOException e) {
            throw new IOException("Image location of " + id + " is not allowed: " + e.getMessage(), e);
        }
        long bytes = entry.bytes().orElseThrow(() -> new IOException("the manifest of image " + id
                + " has no slreq:bytes"));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("size", Long.toString(Math.max(1, (bytes + GB - 1) / GB)));
        form.put("tag", "");
        form.put("visibility", "private");
        form.put("url", locations.get(0));
        if (!manifests.trusted(marketplace)) {
            form.put("url_policy", "user"); // a location a user chose: pdisk applies the user policy
        }
        form.put("bytes", Long.toString(bytes));
        entry.sha1().ifPresent(sha1 -> form.put("sha1", sha1.toLowerCase(java.util.Locale.ROOT)));
        form.put("identifier", id);
        form.put("type", "MACHINE_IMAGE_ORIGIN");
        String uuid = pdisk.create(form);
        PdiskVolume v = pdisk.find(uuid);
        if (v == null) {
            throw new IOException("pdisk lost the origin " + uuid + " of image " + id + " right after creating it");
        }
        return v;
    }

    static SitePolicy.Facts facts(ManifestEntry e) {
        return new SitePolicy.Facts(e.identifier().orElse(null), e.endorserEmail().orElse(null),
                e.sha1().orElse(null));
    }

}
