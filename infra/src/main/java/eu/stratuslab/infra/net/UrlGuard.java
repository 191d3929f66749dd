package eu.stratuslab.infra.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks one URL fetch made for a user (the first URL, every redirect and every connection): scheme {@code http}
 * or {@code https} for everybody; for an ordinary user also every address the host resolves to,
 * against the site's {@link UrlPolicy}. The check runs on the resolved addresses, and the fetcher
 * connects only to addresses that passed it (its DNS resolver is {@link #resolveChecked}), so a
 * name that resolves differently the second time cannot slip through.
 */
public final class UrlGuard {

    /** The site's policy; null for an unrestricted guard. */
    private final UrlPolicy policy;
    private final HostResolver resolver;

    private UrlGuard(UrlPolicy policy, HostResolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    /** An ordinary user's import: the policy applies. */
    public static UrlGuard restricted(UrlPolicy policy, HostResolver resolver) {
        return new UrlGuard(Objects.requireNonNull(policy, "policy"), resolver);
    }

    /** A trusted caller's fetch (pdisk's superuser, the site's own marketplace): any address, still http(s) only. */
    public static UrlGuard unrestricted(HostResolver resolver) {
        return new UrlGuard(null, resolver);
    }

    public boolean isUnrestricted() {
        return policy == null;
    }

    /** Checks scheme and host of {@code url}; throws with the reason when refused. */
    public void check(URI url) throws UrlRefusedException, UnknownHostException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw UrlRefusedException.badInput("only http and https URLs are allowed, not '" + url.getScheme() + "'");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw UrlRefusedException.badInput("URL without a host name");
        }
        resolveChecked(url.getHost());
    }

    /** The addresses of {@code host}, all of which the policy allows; refuses when any is not allowed. */
    public InetAddress[] resolveChecked(String host) throws UrlRefusedException, UnknownHostException {
        Optional<InetAddress> literal = CidrRange.literal(host);
        InetAddress[] addresses = literal.isPresent() ? new InetAddress[] {literal.get()} : resolver.resolve(host);
        if (isUnrestricted() || policy.hostAllowed(stripBrackets(host))) {
            return addresses;
        }
        for (InetAddress a : addresses) {
            Optional<String> why = policy.refusal(a);
            if (why.isPresent()) {
                throw UrlRefusedException.notAllowed("URL import from " + host
                        + (literal.isPresent() ? "" : " (" + a.getHostAddress() + ")") + " is not allowed: "
                        + why.get() + " address (the site's allow list is " + policy.allowListSetting() + ")");
            }
        }
        return addresses;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
