package eu.stratuslab.pdisk.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

/**
 * Serves one byte array on 127.0.0.1 with {@code Range} support. With {@link #breakFirstTransferAfter}
 * the first full transfer announces the whole length but closes the connection early, as a
 * broken download would.
 */
public final class ImageHttpServer implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final byte[] body;
    private final List<String> rangeHeaders = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int breakAfter = -1;

    public ImageHttpServer(byte[] body) throws IOException {
        this.body = body;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            if (!exchange.getRequestURI().getPath().startsWith("/image")) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            String range = exchange.getRequestHeaders().getFirst("Range");
            int from = 0;
            if (range != null) {
                rangeHeaders.add(range);
                Matcher m = RANGE.matcher(range);
                if (m.matches()) {
                    from = Integer.parseInt(m.group(1));
                }
            }
            exchange.getResponseHeaders().add("Accept-Ranges", "bytes");
            if (from > 0) {
                exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
                exchange.sendResponseHeaders(206, body.length - from);
            } else {
                exchange.sendResponseHeaders(200, body.length);
            }
            try (OutputStream out = exchange.getResponseBody()) {
                int cut = breakAfter;
                if (from == 0 && cut > 0) {
                    breakAfter = -1;
                    out.write(body, 0, cut);
                    out.flush();
                    exchange.getHttpContext().getServer();
                    // closing the connection without the rest: the client sees a short body
                    throw new IOException("simulated network failure");
                }
                out.write(body, from, body.length - from);
            }
        });
        server.start();
    }

    public ImageHttpServer breakFirstTransferAfter(int bytes) {
        this.breakAfter = bytes;
        return this;
    }

    public String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    public List<String> rangeHeaders() {
        return rangeHeaders;
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
