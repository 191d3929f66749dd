package eu.stratuslab.pdisk.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import eu.stratuslab.pdisk.service.Caller;

/** One API request: method (with the HTML {@code ?method=} override), media, base URL, caller. */
final class Exchange {

    final Request request;
    final Response response;
    final Callback callback;
    final String method;
    final Fields query;
    final Media media;
    final String base;
    final Caller caller;

    Exchange(Request request, Response response, Callback callback, String base, Caller caller) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.query = Request.extractQueryParameters(request);
        String override = query.getValue("method");
        String m = request.getMethod();
        this.method = "POST".equals(m) && override != null ? override.toUpperCase(java.util.Locale.ROOT) : m;
        this.media = Media.choose(request.getHeaders().get(HttpHeader.ACCEPT), query.getValue("media"));
        this.base = base;
        this.caller = caller;
    }

    boolean isHead() {
        return "HEAD".equals(method);
    }

    String contentType() {
        return request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    }

    void json(int status, Object node) {
        send(status, "application/json; charset=utf-8", JsonViews.write(node) + "\n");
    }

    void html(int status, String title, String body) {
        send(status, "text/html; charset=utf-8", HtmlViews.page(base, caller == null ? "" : caller.identity(), title, body));
    }

    void text(int status, String body) {
        send(status, "text/plain; charset=utf-8", body);
    }

    /** {@code 303 See Other} to a path relative to the context base (§3). */
    void seeOther(String relative) {
        response.setStatus(303);
        response.getHeaders().put(HttpHeader.LOCATION, base + relative);
        response.write(true, null, callback);
    }

    void error(int status, String message) {
        switch (media) {
            case JSON -> json(status, JsonViews.error(status, message));
            case HTML -> send(status, "text/html; charset=utf-8", HtmlViews.error(status, message));
            default -> text(status, "ERROR (" + status + "): " + message + "\n");
        }
    }

    void send(int status, String contentType, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (isHead() || "HEAD".equals(request.getMethod())) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
            response.write(true, null, callback);
            return;
        }
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    /** Streams a body of unknown length; completes the callback. */
    void stream(int status, String contentType, String disposition, BodyWriter writer) throws IOException {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, disposition);
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            writer.write(out);
        }
        callback.succeeded();
    }

    interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }
}
