package eu.stratuslab.authn.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.ToLongFunction;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The request-size cap every endpoint puts in front of everything else, authentication included
 * (issue 13 item 5): a body whose {@code Content-Length} exceeds the limit is answered 413 at once,
 * without reading a byte of it, and the connection is closed; a body without a length (chunked)
 * is cut when it passes the limit: the read fails with 413 ({@link BadMessageException}), and
 * whatever the endpoint then answers (a parse error, a 500) is replaced by the 413. The limit may
 * depend on the request (pdisk's image uploads may be as large as a disk); negative means none.
 */
public final class RequestSizeLimitHandler extends Handler.Wrapper {

    private final ToLongFunction<Request> limitFor;

    /** One limit for every request. */
    public RequestSizeLimitHandler(long maxBodyBytes, Handler next) {
        this(r -> maxBodyBytes, next);
    }

    /** @param limitFor the limit in bytes for a request, negative for none */
    public RequestSizeLimitHandler(ToLongFunction<Request> limitFor, Handler next) {
        super(next);
        this.limitFor = limitFor;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long limit = limitFor.applyAsLong(request);
        if (limit < 0) {
            return super.handle(request, response, callback);
        }
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared > limit) {
            tooLarge(response, callback, limit);
            return true;
        }
        if (declared >= 0 || !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            return super.handle(request, response, callback); // a known length, or no body at all
        }
        Capped capped = new Capped(request, limit);
        return super.handle(capped, new CappedResponse(request, response, capped), callback);
    }

    /** 413 with a short text; the unread body makes the connection unusable, so it is closed. */
    public static void tooLarge(Response response, Callback callback, long limit) {
        byte[] text = ("413 request body too large (at most " + limit + " bytes)\n").getBytes(StandardCharsets.US_ASCII);
        response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE_413);
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, text.length);
        response.write(true, ByteBuffer.wrap(text), callback);
    }

    /** A request whose content fails with 413 as soon as more than {@code limit} bytes arrived. */
    private static final class Capped extends Request.Wrapper {
        private final long limit;
        private long read;
        private volatile boolean exceeded;

        Capped(Request wrapped, long limit) {
            super(wrapped);
            this.limit = limit;
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = super.read();
            if (chunk == null || Content.Chunk.isFailure(chunk)) {
                return chunk;
            }
            read += chunk.remaining();
            if (read > limit) {
                exceeded = true;
                chunk.release();
                return Content.Chunk.from(new BadMessageException(HttpStatus.PAYLOAD_TOO_LARGE_413,
                        "request body too large (at most " + limit + " bytes)"), true);
            }
            return chunk;
        }
    }

    /** Once the body was cut, the endpoint's answer (whatever it is) becomes the 413. */
    private static final class CappedResponse extends Response.Wrapper {
        private final Capped capped;
        private boolean replaced;

        CappedResponse(Request request, Response wrapped, Capped capped) {
            super(request, wrapped);
            this.capped = capped;
        }

        @Override
        public void write(boolean last, ByteBuffer content, Callback callback) {
            if (!capped.exceeded) {
                super.write(last, content, callback);
                return;
            }
            if (!replaced && !isCommitted()) {
                replaced = true;
                getWrapped().reset();
                tooLarge(getWrapped(), callback, capped.limit);
                return;
            }
            callback.succeeded(); // the 413 is written; the endpoint's own answer is dropped
        }
    }
}
