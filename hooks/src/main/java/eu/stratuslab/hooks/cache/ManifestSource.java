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

    /**
     * Refuses (with the reason) an image {@code location} taken from the manifest of
     * {@code marketplace} that pdisk must not be asked to fetch; by default every location is
     * accepted (see {@link GuardedMarketplaces}).
     */
    default void checkLocation(URI marketplace, String location) throws java.io.IOException {
    }

    /**
     * Whether {@code marketplace} is one of the site's own; when not, pdisk imports its image
     * locations under the policy of ordinary users ({@code url_policy=user}), on every redirect.
     */
    default boolean trusted(URI marketplace) {
        return true;
    }
}
