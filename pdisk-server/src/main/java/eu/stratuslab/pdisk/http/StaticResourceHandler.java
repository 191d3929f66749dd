package eu.stratuslab.pdisk.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Serves the fixed set of web UI files from the classpath (no directory access, no traversal). */
public final class StaticResourceHandler extends Handler.Abstract {

    private static final String ROOT = "/eu/stratuslab/pdisk/web/";
    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/index.html", new String[] {"index.html", "text/html; charset=utf-8"},
            "/svc-pdisk.html", new String[] {"svc-pdisk.html", "text/html; charset=utf-8"},
            "/media/pdisk.js", new String[] {"pdisk.js", "text/javascript; charset=utf-8"},
            "/media/pdisk.css", new String[] {"pdisk.css", "text/css; charset=utf-8"});

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        String[] file = FILES.get(Request.getPathInContext(request));
        if (file == null || !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))) {
            return false;
        }
        byte[] body;
        try (InputStream in = StaticResourceHandler.class.getResourceAsStream(ROOT + file[0])) {
            if (in == null) {
                return false;
            }
            body = in.readAllBytes();
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, file[1]);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, "HEAD".equals(request.getMethod()) ? null : ByteBuffer.wrap(body), callback);
        return true;
    }
}
