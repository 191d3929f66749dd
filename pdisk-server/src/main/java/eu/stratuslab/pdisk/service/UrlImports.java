package eu.stratuslab.pdisk.service;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;

import eu.stratuslab.infra.net.HostResolver;
import eu.stratuslab.infra.net.UrlGuard;
import eu.stratuslab.infra.net.UrlPolicy;
import eu.stratuslab.pdisk.fetch.ImageFetcher;

/**
 * Where {@code url=} initialisations fetch from, and which addresses each caller may reach: the
 * site's policy for users, anywhere for the superuser (the cloud's own hooks).
 */
public record UrlImports(ImageFetcher fetcher, UrlPolicy sitePolicy, HostResolver resolver) {

    /** {@code fetcher} under the site's allow list (setting {@code disk.store.url.allow}), names resolved by the system. */
    public static UrlImports site(ImageFetcher fetcher, List<String> allowList) {
        return new UrlImports(fetcher, UrlPolicy.withAllowList("disk.store.url.allow", allowList), HostResolver.SYSTEM);
    }

    /** The body at {@code url} (of {@code src}), through the guard of {@code caller}, at most {@code rawLimit} bytes. */
    InputStream open(URI url, Caller caller, ContentSource src, long rawLimit) throws IOException {
        return fetcher.open(url, guardFor(caller, src), rawLimit);
    }

    /**
     * The superuser may import from anywhere unless it asks for the user policy
     * ({@code url_policy=user}, a location a user chose); others where the site allows.
     */
    UrlGuard guardFor(Caller caller, ContentSource src) {
        return caller.superuser() && !src.userPolicy() ? UrlGuard.unrestricted(resolver)
                : UrlGuard.restricted(sitePolicy, resolver);
    }
}
