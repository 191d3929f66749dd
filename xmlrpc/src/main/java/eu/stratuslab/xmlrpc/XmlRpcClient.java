package eu.stratuslab.xmlrpc;

import eu.stratuslab.infra.http.CappedBodySubscriber;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;

/**
 * A small blocking XML-RPC client on {@link java.net.http.HttpClient}: HTTP/1.1 with keep-alive
 * (pooled connections), pre-emptive Basic authentication (as the legacy client sends it), optional
 * TLS context, gzip responses, no redirects followed. The request timeout bounds the whole
 * exchange, the response body included, so a server that stalls mid-answer cannot hang the caller;
 * the response size is capped (decompressed too). Instances are immutable and thread-safe;
 * {@code with...} returns a new client.
 */
public final class XmlRpcClient {

    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(5);
    /** Far above any real answer (a 10,000-VM pool is about 50 MB escaped), still bounded. */
    private static final long DEFAULT_MAX_RESPONSE_BYTES = 512L << 20;

    private final URI endpoint;
    private final String authorization;
    private final SSLContext sslContext;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final long maxResponseBytes;
    private final HttpClient http;

    public XmlRpcClient(URI endpoint) {
        this(endpoint, null, null, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES);
    }

    private XmlRpcClient(URI endpoint, String authorization, SSLContext sslContext, Duration connectTimeout,
                         Duration requestTimeout, long maxResponseBytes) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.authorization = authorization;
        this.sslContext = sslContext;
        this.connectTimeout = requirePositive(connectTimeout, "connect timeout");
        this.requestTimeout = requirePositive(requestTimeout, "request timeout");
        if (maxResponseBytes <= 0) {
            throw new IllegalArgumentException("maximum response size must be positive: " + maxResponseBytes);
        }
        this.maxResponseBytes = maxResponseBytes;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.http = builder.build();
    }

    private static Duration requirePositive(Duration d, String what) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
        return d;
    }

    /** Sends {@code Authorization: Basic} on every request; the password may contain ':' and '@'. */
    public XmlRpcClient withBasicAuth(String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new XmlRpcClient(endpoint, "Basic " + token, sslContext, connectTimeout, requestTimeout, maxResponseBytes);
    }

    public XmlRpcClient withSslContext(SSLContext ctx) {
        return new XmlRpcClient(endpoint, authorization, ctx, connectTimeout, requestTimeout, maxResponseBytes);
    }

    /** Bounds the whole exchange: sending, waiting for the answer and reading it. */
    public XmlRpcClient withRequestTimeout(Duration timeout) {
        return new XmlRpcClient(endpoint, authorization, sslContext, connectTimeout, timeout, maxResponseBytes);
    }

    /** Bounds establishing the TCP (and TLS) connection. */
    public XmlRpcClient withConnectTimeout(Duration timeout) {
        return new XmlRpcClient(endpoint, authorization, sslContext, timeout, requestTimeout, maxResponseBytes);
    }

    /** Responses longer than this (after gzip decompression) fail with an {@link IOException}. */
    public XmlRpcClient withMaxResponseBytes(long bytes) {
        return new XmlRpcClient(endpoint, authorization, sslContext, connectTimeout, requestTimeout, bytes);
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * Calls {@code method}; returns the response value (a {@code List} for arrays).
     *
     * @throws XmlRpcFault the fault the server answered, or -503 for a response that cannot be read
     * @throws IOException transport failure, {@link HttpTimeoutException} when the exchange took longer
     *         than the request timeout, or {@link XmlRpcHttpException} for an HTTP status other than 200
     *         (message {@code HTTP <status>})
     */
    public Object call(String method, Object... params) throws XmlRpcFault, IOException {
        ResponseOutcome outcome = exchange(new MethodCall(method, Arrays.asList(params == null ? new Object[0] : params)));
        if (outcome.isFault()) {
            throw outcome.fault();
        }
        return outcome.value();
    }

    /**
     * Sends {@code call} and returns what the server answered, a fault included (for relaying it).
     *
     * @throws XmlRpcFault -503 when the response cannot be read as XML-RPC
     * @throws IOException as for {@link #call}
     */
    public ResponseOutcome exchange(MethodCall call) throws XmlRpcFault, IOException {
        byte[] body = XmlRpcCodec.encodeCall(call);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Content-Type", "text/xml")
                .header("Accept-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response = send(request.build(), call.methodName());
        if (response.statusCode() != 200) {
            throw new XmlRpcHttpException(response.statusCode());
        }
        boolean gzipped = response.headers().firstValue("Content-Encoding").map("gzip"::equalsIgnoreCase).orElse(false);
        InputStream raw = new ByteArrayInputStream(response.body());
        if (!gzipped) {
            try {
                return XmlRpcCodec.parseResponseOutcome(raw);
            } catch (XmlRpcFault unreadable) {
                throw unreadableAnswer(unreadable, response.body(), false);
            }
        }
        BodyLimitInputStream inflated = new BodyLimitInputStream(new GZIPInputStream(raw, 64 * 1024), maxResponseBytes);
        try {
            return XmlRpcCodec.parseResponseOutcome(inflated);
        } catch (XmlRpcFault unreadable) {
            if (inflated.exceeded()) {
                throw new IOException("response exceeds " + maxResponseBytes + " bytes once decompressed");
            }
            throw unreadableAnswer(unreadable, response.body(), true);
        }
    }

    /**
     * A -503 thrown here is this side failing to read the answer, not a fault the server sent:
     * the message says so and shows how the answer began, so the two can be told apart.
     */
    static XmlRpcFault unreadableAnswer(XmlRpcFault fault, byte[] body, boolean gzipped) {
        String begins;
        if (gzipped) {
            begins = "gzip";
        } else {
            String text = new String(body, 0, Math.min(body.length, 80), java.nio.charset.StandardCharsets.UTF_8);
            StringBuilder shown = new StringBuilder(text.length());
            text.codePoints().forEach(c -> shown.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", c) : Character.toString(c)));
            begins = "begins \"" + shown + "\"";
        }
        return new XmlRpcFault(fault.code(), fault.faultString() + " (in the answer: " + body.length + " bytes, " + begins + ")");
    }

    /** The whole exchange within the request timeout; HttpRequest's own timeout stops at the headers. */
    private HttpResponse<byte[]> send(HttpRequest request, String method) throws IOException {
        CompletableFuture<HttpResponse<byte[]>> pending =
                http.sendAsync(request, info -> new CappedBodySubscriber(maxResponseBytes));
        try {
            return pending.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new HttpTimeoutException("no complete answer to " + method + " within " + requestTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + method, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(String.valueOf(cause), cause);
        }
    }
}
