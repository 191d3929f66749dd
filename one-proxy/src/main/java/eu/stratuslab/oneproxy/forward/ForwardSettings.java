package eu.stratuslab.oneproxy.forward;

import eu.stratuslab.infra.net.HostResolver;
import eu.stratuslab.infra.net.UrlGuard;
import eu.stratuslab.infra.net.UrlRefusedException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Forward mode (authn.md §11): where the external oned's {@code /RPC2} is and how long to wait for it.
 * The URL is the only place calls are sent to; it comes from the site's configuration and nothing a
 * user sends can change it (no redirects are followed either).
 *
 * @param backend          the external {@code /RPC2}, {@code http} or {@code https}, without credentials
 * @param connectTimeout   bound on opening a connection (default 10 s)
 * @param readTimeout      bound on the whole exchange of one call, answer included (default 600 s)
 * @param maxResponseBytes answers longer than this are refused (fault -504)
 */
public record ForwardSettings(URI backend, Duration connectTimeout, Duration readTimeout, long maxResponseBytes) {

    public static final String DEFAULT_URL = "http://localhost:2633/RPC2";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(600);
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 256L << 20;

    public ForwardSettings {
        if (backend == null) {
            throw new IllegalArgumentException("forward mode needs the external oned's URL");
        }
        for (Duration d : new Duration[] {connectTimeout, readTimeout}) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("forward mode timeouts must be positive, not " + d);
            }
        }
        if (maxResponseBytes <= 0) {
            throw new IllegalArgumentException("forward mode: the maximum answer size must be positive, not " + maxResponseBytes);
        }
    }

    /**
     * Parses and checks the configured URL: http or https, a host that resolves, no user name or
     * password (the session of each call is the credential; authn.md §12 ignores URL credentials),
     * no query or fragment.
     *
     * @param setting the configuration key, named in errors
     */
    public static URI parseBackend(String setting, String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(setting + ": not a URL: " + e.getMessage());
        }
        if (uri.getRawUserInfo() != null) {
            // the message does not repeat the URL: it holds a password
            throw new IllegalArgumentException(setting + ": remove the user name and password from the URL;"
                    + " each forwarded call carries its own session");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(setting + ": the URL must not have a query or fragment: " + url);
        }
        try {
            UrlGuard.unrestricted(HostResolver.SYSTEM).check(uri);
        } catch (UrlRefusedException e) {
            throw new IllegalArgumentException(setting + ": " + e.getMessage() + ": " + url);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(setting + ": unknown host in " + url);
        }
        return uri;
    }

    /** Whether every address of the back end is a loopback one (what authn.md §11 asks of the site). */
    public boolean backendIsLoopback() {
        try {
            for (InetAddress a : InetAddress.getAllByName(backend.getHost())) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
