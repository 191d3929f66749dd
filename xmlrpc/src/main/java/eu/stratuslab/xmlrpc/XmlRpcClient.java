package eu.stratuslab.xmlrpc;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;

/**
 * A small blocking XML-RPC client on {@link java.net.http.HttpClient}: HTTP/1.1 with keep-alive,
 * pre-emptive Basic authentication (as the legacy client sends it), optional TLS context, gzip
 * responses. Instances are immutable and thread-safe; {@code with...} returns a new client.
 */
public final class XmlRpcClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final URI endpoint;
    private final String authorization;
    private final SSLContext sslContext;
    private final Duration requestTimeout;
    private final HttpClient http;

    public XmlRpcClient(URI endpoint) {
        this(endpoint, null, null, DEFAULT_REQUEST_TIMEOUT);
    }

    private XmlRpcClient(URI endpoint, String authorization, SSLContext sslContext, Duration requestTimeout) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.authorization = authorization;
        this.sslContext = sslContext;
        this.requestTimeout = requestTimeout;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.http = builder.build();
    }

    /** Sends {@code Authorization: Basic} on every request; the password may contain ':' and '@'. */
    public XmlRpcClient withBasicAuth(String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new XmlRpcClient(endpoint, "Basic " + token, sslContext, requestTimeout);
    }

    public XmlRpcClient withSslContext(SSLContext ctx) {
        return new XmlRpcClient(endpoint, authorization, ctx, requestTimeout);
    }

    public XmlRpcClient withRequestTimeout(Duration timeout) {
        return new XmlRpcClient(endpoint, authorization, sslContext, timeout);
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * Calls {@code method}; returns the response value (a {@code List} for arrays).
     *
     * @throws XmlRpcFault the fault the server answered
     * @throws IOException transport failure or an HTTP status other than 200 (message
     *         {@code HTTP <status>})
     */
    public Object call(String method, Object... params) throws XmlRpcFault, IOException {
        byte[] body = XmlRpcCodec.encodeCall(new MethodCall(method, Arrays.asList(params == null ? new Object[0] : params)));
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Content-Type", "text/xml")
                .header("Accept-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + method, e);
        }
        try (InputStream raw = response.body()) {
            if (response.statusCode() != 200) {
                raw.transferTo(java.io.OutputStream.nullOutputStream()); // keeps the connection reusable
                throw new IOException("HTTP " + response.statusCode());
            }
            boolean gzipped = response.headers().firstValue("Content-Encoding").map("gzip"::equalsIgnoreCase).orElse(false);
            try (InputStream in = gzipped ? new GZIPInputStream(raw, 64 * 1024) : raw) {
                return XmlRpcCodec.parseResponse(in);
            }
        }
    }
}
