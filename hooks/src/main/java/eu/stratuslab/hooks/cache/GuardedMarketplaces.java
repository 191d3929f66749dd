package eu.stratuslab.hooks.cache;

import eu.stratuslab.infra.net.UrlGuard;
import eu.stratuslab.marketplace.manifest.FetchResult;
import eu.stratuslab.marketplace.manifest.MarketplaceClient;
import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The manifests of marketplace images, fetched on a user's behalf without server-side request
 * forgery (issue 13 item 2). The site's own marketplaces ({@code marketplace_endpoint_local} and
 * the embedded one) are trusted. A marketplace a user names in a DISK SOURCE is fetched through
 * {@code guard} (http/https only; loopback, link-local, private and the cloud's own addresses
 * refused unless the site's allow list names them; checked after name resolution and at every
 * redirect), and so is the image location its manifest gives, before pdisk is asked to import it
 * — which pdisk then does under the same policy ({@code url_policy=user}), redirects included.
 */
public final class GuardedMarketplaces implements ManifestSource {

    private final MarketplaceClient client;
    private final List<URI> siteMarketplaces;
    private final UrlGuard guard;

    public GuardedMarketplaces(MarketplaceClient client, Collection<URI> siteMarketplaces, UrlGuard guard) {
        this.client = client;
        this.siteMarketplaces = List.copyOf(siteMarketplaces);
        this.guard = guard;
    }

    @Override
    public FetchResult fetch(URI marketplace, String id) {
        return isSiteMarketplace(marketplace) ? client.fetch(marketplace, id) : client.fetch(marketplace, id, guard);
    }

    @Override
    public void checkLocation(URI marketplace, String location) throws IOException {
        if (isSiteMarketplace(marketplace)) {
            return;
        }
        URI url;
        try {
            url = URI.create(location.strip());
        } catch (IllegalArgumentException e) {
            throw new IOException("image location " + location + " is not a URL");
        }
        guard.check(url);
    }

    @Override
    public boolean trusted(URI marketplace) {
        return isSiteMarketplace(marketplace);
    }

    /** Same scheme, host and port as one of the site's marketplaces. */
    boolean isSiteMarketplace(URI marketplace) {
        for (URI site : siteMarketplaces) {
            if (origin(site).equals(origin(marketplace))) {
                return true;
            }
        }
        return false;
    }

    private static String origin(URI u) {
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
        int port = u.getPort() >= 0 ? u.getPort() : "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
        return scheme + "://" + host + ":" + port;
    }
}
