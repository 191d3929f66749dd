package eu.stratuslab.hooks.cache;

import eu.stratuslab.marketplace.manifest.ManifestEntry;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/** Where the prolog gets an image's current manifest entries: a marketplace's {@code /metadata/<id>}. */
public interface ManifestSource {
    /**
     * @return the current entries; empty when the marketplace has no valid entry (404)
     * @throws IOException when the marketplace cannot be reached or answers anything else
     */
    List<ManifestEntry> fetch(URI marketplace, String id) throws IOException;
}
