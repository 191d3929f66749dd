package eu.stratuslab.marketplace.manifest;

import eu.stratuslab.infra.http.CappedBodySubscriber;
import eu.stratuslab.infra.net.UrlGuard;
import eu.stratuslab.infra.net.UrlRefusedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Talks to a marketplace over HTTP (hooks.md §3.2 step 2, §4.2 step 8): fetches the manifest of an
 * image and uploads signed entries.
 *
 * <p>Every exchange is bounded: the connection must be made within the connect timeout and the
 * whole answer must arrive within the request timeout after that, so an unreachable or stuck
 * marketplace answers {@link FetchResult.Status#UNREACHABLE} within their sum (30 s by default).
 */
public final class MarketplaceClient {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);
    private static final int MAX_ERROR_TEXT = 300;
    private static final String METADATA = "/metadata/";

    /** Redirects followed by a guarded fetch, each hop checked again. */
    static final int MAX_REDIRECTS = 5;

    private final HttpClient http;
    /** Follows no redirect itself: a guarded fetch checks every hop before it connects. */
    private final HttpClient guardedHttp;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    public MarketplaceClient() {
        this(DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    public MarketplaceClient(Duration connectTimeout, Duration requestTimeout) {
        this.connectTimeout = requirePositive(connectTimeout, "connectTimeout");
        this.requestTimeout = requirePositive(requestTimeout, "requestTimeout");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.guardedHttp = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private static Duration requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }

    /** {@code GET <marketplace>/metadata/<id>} with {@code Accept: application/xml}. */
    public FetchResult fetch(URI marketplace, String id) {
        URI url = manifestUri(marketplace, id);
        HttpRequest request = manifestRequest(url);
        HttpResponse<byte[]> answer;
        try {
            answer = exchange(request);
        } catch (IOException | TimeoutException e) {
            return FetchResult.unreachable(describe(marketplace, request, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FetchResult.unreachable("interrupted while fetching " + url);
        }
        return interpret(marketplace, id, url, answer);
    }

    private HttpRequest manifestRequest(URI url) {
        return HttpRequest.newBuilder(url).GET()
                .header("Accept", "application/xml")
                .timeout(requestTimeout)
                .build();
    }

    /**
     * As {@link #fetch(URI, String)} for a marketplace a user named (a DISK SOURCE that is a full
     * manifest URL): the URL and every redirect must pass {@code guard} (http/https only; for a
     * restricted guard no loopback, link-local, private or own address unless allowed) before any
     * connection is made. A refusal is {@link FetchResult.Status#UNREACHABLE} with the reason.
     */
    public FetchResult fetch(URI marketplace, String id, UrlGuard guard) {
        URI url = manifestUri(marketplace, id);
        HttpResponse<byte[]> answer = null;
        HttpRequest request = null;
        try {
            for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
                guard.check(url);
                request = manifestRequest(url);
                answer = exchange(guardedHttp, request);
                int status = answer.statusCode();
                java.util.Optional<String> next = answer.headers().firstValue("Location");
                if (status < 300 || status > 399 || status == 304 || next.isEmpty()) {
                    return interpret(marketplace, id, url, answer);
                }
                url = url.resolve(next.get().strip());
            }
            return FetchResult.unreachable("marketplace " + base(marketplace) + " redirected more than " + MAX_REDIRECTS
                    + " times (GET " + manifestUri(marketplace, id) + ")");
        } catch (UrlRefusedException e) {
            return FetchResult.unreachable("marketplace " + base(marketplace) + " refused by the site: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return FetchResult.unreachable("marketplace " + base(marketplace) + " sent an unusable redirect: " + e.getMessage());
        } catch (IOException | TimeoutException e) {
            return FetchResult.unreachable(request == null ? "marketplace " + base(marketplace) + " unreachable: " + e.getMessage()
                    : describe(marketplace, request, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FetchResult.unreachable("interrupted while fetching " + url);
        }
    }

    private FetchResult interpret(URI marketplace, String id, URI url, HttpResponse<byte[]> answer) {
        int status = answer.statusCode();
        if (status == 404) {
            return FetchResult.notFound("no valid entry for image " + id + " at " + base(marketplace));
        }
        if (status != 200) {
            return FetchResult.unreachable("marketplace answered HTTP " + status + " to GET " + url
                    + errorText(answer.body()));
        }
        try {
            return FetchResult.found(Manifest.parse(answer.body()).entries());
        } catch (ManifestException e) {
            return FetchResult.unreachable("marketplace answered GET " + url + " with an unusable manifest: "
                    + e.getMessage());
        }
    }

    public FetchResult fetch(ImageReference image) {
        return fetch(image.marketplace(), image.identifier());
    }

    /**
     * {@code POST <marketplace>/metadata/} of a signed entry ({@code application/xml}).
     *
     * @return the URL of the stored entry (the answer's {@code Location}, else the collection URL)
     * @throws MarketplaceException when the marketplace cannot be reached or refuses the entry (the
     *         message carries the status and the marketplace's text)
     */
    public URI upload(URI marketplace, byte[] signedXml) throws MarketplaceException {
        URI url = metadataCollection(marketplace);
        HttpRequest request = HttpRequest.newBuilder(url)
                .POST(HttpRequest.BodyPublishers.ofByteArray(signedXml))
                .header("Content-Type", "application/xml; charset=UTF-8")
                .header("Accept", "text/plain, application/xml")
                .timeout(requestTimeout)
                .build();
        HttpResponse<byte[]> answer;
        try {
            answer = exchange(request);
        } catch (IOException | TimeoutException e) {
            throw new MarketplaceException(describe(marketplace, request, e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MarketplaceException("interrupted while uploading to " + url, e);
        }
        int status = answer.statusCode();
        if (status != 200 && status != 201) {
            throw new MarketplaceException("marketplace " + base(marketplace) + " refused the manifest: HTTP " + status
                    + errorText(answer.body()), status);
        }
        return answer.headers().firstValue("Location").map(url::resolve).orElse(url);
    }

    private HttpResponse<byte[]> exchange(HttpRequest request)
            throws IOException, InterruptedException, TimeoutException {
        return exchange(http, request);
    }

    private HttpResponse<byte[]> exchange(HttpClient client, HttpRequest request)
            throws IOException, InterruptedException, TimeoutException {
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(request, info -> new CappedBodySubscriber(Manifest.DEFAULT_MAX_BYTES));
        try {
            // the request timeout stops at the headers; this deadline also covers a stalled body
            return future.get(connectTimeout.plus(requestTimeout).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause == null ? "request failed" : cause.toString(), cause);
        } catch (TimeoutException | InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    private String describe(URI marketplace, HttpRequest request, Exception e) {
        String what = request.method() + " " + request.uri();
        if (e instanceof HttpConnectTimeoutException) {
            return "marketplace " + base(marketplace) + " unreachable: no connection within " + seconds(connectTimeout)
                    + " (" + what + ")";
        }
        if (e instanceof HttpTimeoutException || e instanceof TimeoutException) {
            return "marketplace " + base(marketplace) + " did not answer within " + seconds(requestTimeout) + " ("
                    + what + ")";
        }
        if (e instanceof ConnectException) {
            return "marketplace " + base(marketplace) + " unreachable: connection refused (" + what + ")";
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return "marketplace " + base(marketplace) + " unreachable: " + detail + " (" + what + ")";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String errorText(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        return text.isEmpty() ? "" : ": " + (text.length() > MAX_ERROR_TEXT ? text.substring(0, MAX_ERROR_TEXT) + "…" : text);
    }

    // ---------------------------------------------------------------- URLs

    /** {@code <marketplace>/metadata/<id>} (trailing slashes of the marketplace URI removed). */
    public static URI manifestUri(URI marketplace, String id) {
        if (!ImageIdentifier.isIdentifier(id)) {
            throw new IllegalArgumentException("not a marketplace image identifier: " + id);
        }
        return URI.create(base(marketplace) + METADATA + id);
    }

    /** {@code <marketplace>/metadata/}, where signed entries are posted. */
    public static URI metadataCollection(URI marketplace) {
        return URI.create(base(marketplace) + METADATA);
    }

    private static String base(URI marketplace) {
        String s = Objects.requireNonNull(marketplace, "marketplace").toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /**
     * Splits a DISK source {@code http(s)://<marketplace>/metadata/<id>[/…]} (hooks.md §3.1): the
     * marketplace is everything before the first {@code /metadata/}, the id the path segment after
     * it. Empty for other sources, and when that segment is not a 27-character identifier.
     */
    public static Optional<ImageReference> parseDiskSource(String source) {
        if (source == null) {
            return Optional.empty();
        }
        String s = source.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return Optional.empty();
        }
        int at = s.indexOf(METADATA);
        if (at < 0) {
            return Optional.empty();
        }
        String rest = s.substring(at + METADATA.length());
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String id = rest.substring(0, end);
        if (!ImageIdentifier.isIdentifier(id)) {
            return Optional.empty();
        }
        try {
            URI marketplace = URI.create(s.substring(0, at));
            if (marketplace.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(new ImageReference(marketplace, id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
