package eu.stratuslab.cloud;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A remote image location for tests: one file ({@code /<name>}) served over HTTP on loopback by
 * the JDK's server, counting the GET requests that fetched it. The served bytes can be replaced
 * (an image that no longer matches its manifest) and the server stopped (an unreachable location).
 */
final class LoopbackImageServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final String path;
    private final AtomicReference<byte[]> content;
    private final AtomicInteger gets = new AtomicInteger();
    private volatile boolean stopped;

    LoopbackImageServer(String name, byte[] initialContent) throws IOException {
        this.path = "/" + name;
        this.content = new AtomicReference<>(initialContent);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(path, exchange -> {
            try (exchange) {
                boolean get = "GET".equals(exchange.getRequestMethod());
                boolean head = "HEAD".equals(exchange.getRequestMethod());
                if (!get && !head || !path.equals(exchange.getRequestURI().getPath())) {
                    exchange.sendResponseHeaders(get || head ? 404 : 405, -1);
                    return;
                }
                byte[] body = content.get();
                exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                if (head) {
                    exchange.sendResponseHeaders(200, -1);
                    return;
                }
                gets.incrementAndGet();
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    URI location() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** GET requests of the image answered so far. */
    int downloads() {
        return gets.get();
    }

    void serve(byte[] replacement) {
        content.set(replacement);
    }

    /** Closes the listening socket: the location refuses connections from now on. */
    void stop() {
        if (!stopped) {
            stopped = true;
            server.stop(0);
            executor.shutdownNow();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
