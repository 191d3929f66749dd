package eu.stratuslab.pdisk.fetch;

import eu.stratuslab.infra.net.HostResolver;
import eu.stratuslab.infra.net.UrlGuard;
import eu.stratuslab.infra.net.UrlRefusedException;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the body of an image URL as one stream (pdisk-api.md §5.2 step 4): redirects are followed
 * here (at most {@link Settings#maxRedirects}), each hop checked by the caller's {@link UrlGuard},
 * and connections go only to addresses the guard allowed (it is the client's DNS resolver). The
 * returned stream resumes a broken transfer with {@code Range} (see {@link ResumableBodyStream}).
 * Proxies come from {@code http_proxy}/{@code https_proxy}/{@code no_proxy}; through a proxy the
 * target's addresses are checked here, the connection is the proxy's.
 */
public final class ImageFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(ImageFetcher.class);

    /**
     * @param connectTimeout limit for establishing a TCP connection
     *                       ({@code disk.store.url.connect_timeout})
     * @param readTimeout    longest time without any data from the server
     *                       ({@code disk.store.url.read_timeout})
     * @param maxRedirects   redirects followed per request
     * @param maxResumes     consecutive resume attempts without progress before giving up
     */
    public record Settings(Duration connectTimeout, Duration readTimeout, int maxRedirects, int maxResumes) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(30), Duration.ofSeconds(120), 5, 5);
        }

        public Settings withTimeouts(Duration connect, Duration read) {
            return new Settings(connect, read, maxRedirects, maxResumes);
        }
    }

    private final Settings settings;
    private final EnvProxySelector proxies;

    public ImageFetcher(Settings settings) {
        this.settings = settings;
        this.proxies = EnvProxySelector.fromEnvironment();
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The body of {@code url} after redirects. At most {@code rawLimit} bytes are read (more is an
     * {@link ContentTooLargeException}); the caller closes the stream.
     */
    public InputStream open(URI url, UrlGuard guard, long rawLimit) throws IOException {
        CloseableHttpClient client = newClient(guard);
        try {
            URI current = url;
            for (int hop = 0;; hop++) {
                try {
                    guard.check(current);
                } catch (UnknownHostException e) {
                    throw new IOException("unknown host " + current.getHost(), e);
                }
                HttpGet request = new HttpGet(current);
                ClassicHttpResponse response = send(client, request, current);
                int status = response.getCode();
                if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                    Header location = response.getFirstHeader("Location");
                    discard(request, response);
                    if (location == null) {
                        throw new IOException("HTTP " + status + " without Location from " + display(current));
                    }
                    if (hop >= settings.maxRedirects()) {
                        throw UrlRefusedException.notAllowed("more than " + settings.maxRedirects() + " redirects");
                    }
                    URI next = resolve(current, location.getValue());
                    LOG.info("URL import: {} redirects to {}", display(current), display(next));
                    current = next;
                    continue;
                }
                if (status != 200) {
                    discard(request, response);
                    throw new IOException("HTTP " + status + " from " + display(current));
                }
                HttpEntity entity = response.getEntity();
                if (entity != null && entity.getContentLength() > rawLimit) {
                    discard(request, response);
                    throw new ContentTooLargeException(rawLimit);
                }
                return new ResumableBodyStream(this, client, current, request, response, rawLimit);
            }
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * Drops a response without reading the rest of its body (closing alone would drain it, which
     * for an image may be gigabytes): cancelling the request shuts the connection.
     */
    static void discard(HttpGet request, ClassicHttpResponse response) {
        request.cancel();
        try {
            response.close();
        } catch (IOException ignored) {
            // the connection is gone either way
        }
    }

    /**
     * {@code url} for logs and messages without user info and query, which may hold credentials
     * (signed download links, {@code user:password@host}).
     */
    public static String display(URI url) {
        String port = url.getPort() >= 0 ? ":" + url.getPort() : "";
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return url.getScheme() + "://" + url.getHost() + port + path + (url.getRawQuery() != null ? "?…" : "");
    }

    private static URI resolve(URI base, String location) throws IOException {
        try {
            return base.resolve(new URI(location));
        } catch (URISyntaxException e) {
            throw new IOException("malformed redirect Location: " + location);
        }
    }

    /** One request; turns refusals and timeouts into messages that say what happened. */
    ClassicHttpResponse send(CloseableHttpClient client, HttpGet request, URI uri) throws IOException {
        try {
            return client.executeOpen(null, request, null);
        } catch (UnknownHostException e) {
            if (e.getCause() instanceof UrlRefusedException refused) {
                throw refused;
            }
            throw new IOException("unknown host " + uri.getHost(), e);
        } catch (ConnectTimeoutException e) {
            throw new IOException("no connection to " + uri.getHost() + " within " + settings.connectTimeout().toSeconds()
                    + " s (connect timeout, disk.store.url.connect_timeout)", e);
        } catch (SocketTimeoutException e) {
            throw readTimeout(uri, e);
        }
    }

    IOException readTimeout(URI uri, SocketTimeoutException e) {
        return new IOException("no data from " + uri.getHost() + " for " + settings.readTimeout().toSeconds()
                + " s (read timeout, disk.store.url.read_timeout)", e);
    }

    private CloseableHttpClient newClient(UrlGuard guard) {
        DnsResolver dns = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                if (proxies.isProxyHost(host)) {
                    return HostResolver.SYSTEM.resolve(host); // the site's proxy, not a target
                }
                try {
                    return guard.resolveChecked(host);
                } catch (UrlRefusedException e) {
                    UnknownHostException wrapped = new UnknownHostException(e.getMessage());
                    wrapped.initCause(e);
                    throw wrapped;
                }
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host.toLowerCase(Locale.ROOT);
            }
        };
        Timeout connect = Timeout.of(settings.connectTimeout());
        Timeout read = Timeout.of(settings.readTimeout());
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setDnsResolver(dns)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect)
                                .setSocketTimeout(read).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(read).build())
                .setRoutePlanner(new SystemDefaultRoutePlanner(proxies))
                // redirects are followed (and checked) by open(); byte offsets must be those of the raw body
                .disableRedirectHandling().disableAutomaticRetries().disableContentCompression()
                .disableCookieManagement().disableAuthCaching()
                .setUserAgent("StratusLab-pdisk").build();
    }

    /** The body is larger than the volume it is meant for. */
    public static final class ContentTooLargeException extends IOException {
        public ContentTooLargeException(long limit) {
            super("the content is larger than the volume (" + limit + " bytes)");
        }
    }
}
