package eu.stratuslab.marketplace.server;

import java.time.Instant;
import java.util.Objects;

import eu.stratuslab.marketplace.manifest.ManifestDates;
import eu.stratuslab.marketplace.manifest.ManifestEntry;

/**
 * One stored endorsement, addressed by image identifier, endorser e-mail and creation time
 * ({@code /metadata/<id>/<email>/<created>}).
 */
public record StoredEntry(String identifier, String endorser, Instant created, ManifestEntry entry) {

    public StoredEntry {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(endorser, "endorser");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(entry, "entry");
    }

    /** {@code created} as written in entry URLs and file names ({@code 2014-06-12T10:11:12Z}). */
    public String createdKey() {
        return ManifestDates.format(created);
    }

    /** {@code <id>/<email>/<created>}, the address below {@code /metadata/}. */
    public String path() {
        return identifier + "/" + endorser + "/" + createdKey();
    }
}
