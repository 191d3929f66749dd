package eu.stratuslab.xmlrpc;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves XML-RPC over HTTP POST (spec §2): 405 for other methods, 413 for bodies over the cap
 * (checked on Content-Length before parsing and again while streaming), HTTP 200
 * {@code text/xml} for every result and fault. Fault -500 hides unexpected exceptions, which are
 * logged with the method name only (parameters may hold credentials).
 *
 * <p>Blocking by design (the dispatcher does database work): it runs on Jetty's worker threads.
 */
public final class XmlRpcHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(XmlRpcHandler.class);

    /** Responses at least this long are gzipped when the client accepts it. */
    public static final int DEFAULT_GZIP_MIN_BYTES = 32 * 1024;

    /** Lines about malformed requests per minute, whoever sends them (issue 13 item 6). */
    static final int MALFORMED_LINES_PER_MINUTE = 10;

    private static final int MAX_LOGGED_DETAIL = 200;

    /** Per endpoint: nothing a client sends makes it write more than this many lines a minute. */
    private final eu.stratuslab.infra.log.RateLimitedLog malformedLog = new eu.stratuslab.infra.log.RateLimitedLog(
            LOG, MALFORMED_LINES_PER_MINUTE, java.time.Duration.ofMinutes(1));

    private final XmlRpcDispatcher dispatcher;
    private final XmlRpcLimits limits;
    private final int gzipMinBytes;

    public XmlRpcHandler(XmlRpcDispatcher dispatcher, XmlRpcLimits limits) {
        this(dispatcher, limits, DEFAULT_GZIP_MIN_BYTES);
    }

    /** @param gzipMinBytes minimum response size to gzip; negative disables gzip */
    public XmlRpcHandler(XmlRpcDispatcher dispatcher, XmlRpcLimits limits, int gzipMinBytes) {
        super(InvocationType.BLOCKING);
        this.dispatcher = java.util.Objects.requireNonNull(dispatcher, "dispatcher");
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
        this.gzipMinBytes = gzipMinBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!"POST".equals(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            sendPlain(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, false);
            return true;
        }
        InputStream raw = Content.Source.asInputStream(request);
        long declaredLength = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declaredLength > limits.maxBodyBytes()) {
            // answered without reading a byte of it (issue 13 item 5); the connection is closed
            malformedLog.warn("request of {} bytes from {} refused: larger than {} bytes", declaredLength,
                    Request.getRemoteAddr(request), limits.maxBodyBytes());
            sendPlain(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, true);
            return true;
        }
        BodyLimitInputStream body = new BodyLimitInputStream(raw, limits.maxBodyBytes());
        ResponseBody xml;
        try {
            xml = answer(request, XmlRpcReader.readCall(body, limits.maxDepth()));
        } catch (XmlRpcFault fault) {
            if (body.exceeded()) {
                // a body without a length is cut at the cap: nothing more is read
                malformedLog.warn("request from {} cut: larger than {} bytes", Request.getRemoteAddr(request),
                        limits.maxBodyBytes());
                sendPlain(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, true);
                return true;
            }
            malformedLog.warn("malformed XML-RPC request from {}: {}", Request.getRemoteAddr(request), printable(fault.getMessage()));
            xml = ResponseBody.of(XmlRpcCodec.encodeFault(fault));
        }
        sendXml(request, response, callback, xml);
        return true;
    }

    /** One line, bounded, without control characters (the text may echo what the client sent). */
    private static String printable(String text) {
        String t = text == null ? "" : text.replaceAll("\\p{Cntrl}", " ");
        return t.length() > MAX_LOGGED_DETAIL ? t.substring(0, MAX_LOGGED_DETAIL) + "…" : t;
    }

    private ResponseBody answer(Request request, MethodCall call) {
        try {
            return dispatcher.respond(request, call);
        } catch (XmlRpcFault fault) {
            return ResponseBody.of(XmlRpcCodec.encodeFault(fault));
        } catch (RuntimeException e) {
            LOG.error("Internal error while executing XML-RPC method {}", call.methodName(), e);
            return ResponseBody.of(XmlRpcCodec.encodeFault(XmlRpcFault.internal()));
        }
    }

    /**
     * Small answers in one write. Large ones (a pool listing is megabytes, in parts) are streamed
     * through a buffer of {@link #STREAM_BUFFER_BYTES}: nothing is copied into one array, and the
     * socket never gets a write so large that the JDK would take a direct buffer of its size for
     * it (kept per thread, outside the heap).
     */
    private void sendXml(Request request, Response response, Callback callback, ResponseBody xml) {
        boolean gzip = gzipMinBytes >= 0 && xml.length() >= gzipMinBytes && acceptsGzip(request);
        if (gzip) {
            response.getHeaders().put(HttpHeader.CONTENT_ENCODING, "gzip");
        }
        if (gzipMinBytes >= 0) {
            response.getHeaders().put(HttpHeader.VARY, "Accept-Encoding");
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml");
        byte[] single = xml.single();
        if (!gzip && single != null && single.length <= STREAM_BUFFER_BYTES) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, single.length);
            response.write(true, ByteBuffer.wrap(single), callback);
            return;
        }
        if (!gzip) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, xml.length());
        }
        // blocking writes: this handler runs on a worker thread (InvocationType.BLOCKING)
        try (OutputStream out = gzip ? new FastGzipOutputStream(Content.Sink.asOutputStream(response))
                : new BufferedOutputStream(Content.Sink.asOutputStream(response), STREAM_BUFFER_BYTES)) {
            xml.writeTo(out);
        } catch (IOException e) {
            // the client went away or stopped reading: nothing more can be sent on this exchange
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }

    /** Answers up to this size go out in one write; larger ones are streamed in pieces of this size. */
    static final int STREAM_BUFFER_BYTES = 64 * 1024;

    /**
     * A short plain-text error; {@code close} when the request body was not fully read, so the
     * connection cannot be reused.
     */
    private static void sendPlain(Response response, Callback callback, int status, boolean close) {
        byte[] text = (status + " " + HttpStatus.getMessage(status) + "\n").getBytes(StandardCharsets.US_ASCII);
        response.setStatus(status);
        if (close) {
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, text.length);
        response.write(true, ByteBuffer.wrap(text), callback);
    }

    private static boolean acceptsGzip(Request request) {
        // getQualityCSV drops q=0 entries, so "gzip;q=0" counts as a refusal
        return request.getHeaders().getQualityCSV(HttpHeader.ACCEPT_ENCODING).stream()
                .anyMatch(coding -> coding.equalsIgnoreCase("gzip"));
    }

    /** Fastest level: the win is on the wire, responses are produced at high request rates. */
    private static final class FastGzipOutputStream extends GZIPOutputStream {
        FastGzipOutputStream(OutputStream out) throws IOException {
            super(out, STREAM_BUFFER_BYTES);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    /** For tests and diagnostics: the limits in force. */
    public XmlRpcLimits limits() {
        return limits;
    }
}
