package eu.stratuslab.xmlrpc;

import java.io.ByteArrayOutputStream;
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

    /**
     * Oversized bodies up to this size are read and discarded so that the 413 reaches the
     * client; larger ones get the 413 at once and the connection is closed.
     */
    static final long DRAIN_LIMIT_BYTES = 16L << 20;

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
            boolean drained = declaredLength <= DRAIN_LIMIT_BYTES && drain(raw);
            sendPlain(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, !drained);
            return true;
        }
        BodyLimitInputStream body = new BodyLimitInputStream(raw, limits.maxBodyBytes());
        byte[] xml;
        try {
            xml = answer(request, XmlRpcReader.readCall(body, limits.maxDepth()));
        } catch (XmlRpcFault fault) {
            if (body.exceeded()) {
                sendPlain(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, !drain(raw));
                return true;
            }
            xml = XmlRpcCodec.encodeFault(fault);
        }
        sendXml(request, response, callback, xml);
        return true;
    }

    private byte[] answer(Request request, MethodCall call) {
        try {
            return XmlRpcCodec.encodeResult(dispatcher.dispatch(request, call));
        } catch (XmlRpcFault fault) {
            return XmlRpcCodec.encodeFault(fault);
        } catch (RuntimeException e) {
            LOG.error("Internal error while executing XML-RPC method {}", call.methodName(), e);
            return XmlRpcCodec.encodeFault(XmlRpcFault.internal());
        }
    }

    private void sendXml(Request request, Response response, Callback callback, byte[] xml) {
        byte[] payload = xml;
        if (gzipMinBytes >= 0 && xml.length >= gzipMinBytes && acceptsGzip(request)) {
            payload = gzip(xml);
            response.getHeaders().put(HttpHeader.CONTENT_ENCODING, "gzip");
        }
        if (gzipMinBytes >= 0) {
            response.getHeaders().put(HttpHeader.VARY, "Accept-Encoding");
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, payload.length);
        response.write(true, ByteBuffer.wrap(payload), callback);
    }

    /**
     * Reads and discards the rest of an oversized body, up to {@link #DRAIN_LIMIT_BYTES}. Clients
     * such as Python's httplib write the whole body before reading the answer; if the server
     * closed the connection with unread data, the kernel would reset it and the client would
     * see "broken pipe" instead of 413. Nothing of the drained body is parsed or kept.
     *
     * @return true if the body ended within the limit (the connection can stay open)
     */
    private static boolean drain(InputStream in) {
        byte[] sink = new byte[64 * 1024];
        long total = 0;
        try {
            for (int n; (n = in.read(sink)) >= 0; ) {
                total += n;
                if (total > DRAIN_LIMIT_BYTES) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

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

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 6 + 64);
        // fastest level: the win is on the wire, responses are produced at high request rates
        try (OutputStream zip = new FastGzipOutputStream(out)) {
            zip.write(data);
        } catch (IOException e) {
            throw new IllegalStateException("gzip into memory failed", e);
        }
        return out.toByteArray();
    }

    private static final class FastGzipOutputStream extends GZIPOutputStream {
        FastGzipOutputStream(OutputStream out) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    /** For tests and diagnostics: the limits in force. */
    public XmlRpcLimits limits() {
        return limits;
    }
}
