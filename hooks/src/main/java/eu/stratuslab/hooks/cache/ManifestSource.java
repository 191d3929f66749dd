package eu.stratuslab.hooks.cache;

import eu.stratuslab.marketplace.manifest.FetchResult;
import java.net.URI;

/**
 * Where the prolog gets an image's current manifest entries: a marketplace's {@code /metadata/<id>}
 * ({@code MarketplaceClient::fetch}); a seam for tests.
 */
@FunctionalInterface
public interface ManifestSource {
    FetchResult fetch(URI marketplace, String id);
}
