package eu.stratuslab.pdisk.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves one byte array on 127.0.0.1 under {@code /image…} with {@code Range} support and a strong
 * ETag, one thread per exchange. Failure modes for the first full transfer: it breaks after n
 * bytes ({@link #breakFirstTransferAfter}), stalls after n bytes until the server closes
 * ({@link #stallFirstTransferAfter}), or pauses after n bytes until a condition holds
 * ({@link #pauseFirstTransferAfter}). {@link #ignoreRange()} answers every request with 200 and
 * the whole body; {@link #announceLength} sends only headers claiming a length;
 * {@link #redirect} answers a path with 302.
 */
public final class ImageHttpServer implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");
    private static final String ETAG = "\"image-v1\"";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final byte[] body;
    private final List<String> rangeHeaders = new CopyOnWriteArrayList<>();
    private final List<String> ifRangeHeaders = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    /** The failure mode of the next full transfer (null: none); it is used up by that transfer. */
    private volatile FirstTransferFault firstTransferFault;
    private volatile Boolean pauseConditionMet;
    private volatile boolean ignoreRange;
    private volatile long announcedLength = -1;

    public ImageHttpServer(byte[] body) throws IOException {
        this.body = body;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        String target = redirects.get(path);
        if (target != null) {
            exchange.getResponseHeaders().add("Location", target);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
            return;
        }
        if (!path.startsWith("/image")) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        if (announcedLength >= 0) {
            exchange.sendResponseHeaders(200, announcedLength);
            exchange.close();
            return;
        }
        String range = exchange.getRequestHeaders().getFirst("Range");
        String ifRange = exchange.getRequestHeaders().getFirst("If-Range");
        if (ifRange != null) {
            ifRangeHeaders.add(ifRange);
        }
        int from = 0;
        if (range != null) {
            rangeHeaders.add(range);
            Matcher m = RANGE.matcher(range);
            if (m.matches() && !ignoreRange) {
                from = Integer.parseInt(m.group(1));
            }
        }
        exchange.getResponseHeaders().add("Accept-Ranges", "bytes");
        exchange.getResponseHeaders().add("ETag", ETAG);
        if (from > 0) {
            exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            exchange.sendResponseHeaders(206, body.length - from);
        } else {
            exchange.sendResponseHeaders(200, body.length);
        }
        try (OutputStream out = exchange.getResponseBody()) {
            FirstTransferFault fault = firstTransferFault;
            if (from == 0 && fault != null && fault.cut() > 0) {
                firstTransferFault = null;
                out.write(body, 0, fault.cut());
                out.flush();
                fault.afterCut().resume(out, fault.cut());
                return;
            }
            out.write(body, from, body.length - from);
        }
    }

    private void awaitClosing() {
        try {
            closing.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Polls {@code condition} until it holds or the deadline passes (server side of a test handshake). */
    private boolean waitFor(BooleanSupplier condition, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() - end < 0) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                if (closing.await(20, TimeUnit.MILLISECONDS)) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    public ImageHttpServer breakFirstTransferAfter(int bytes) {
        return failFirstTransfer(bytes, (out, cut) -> {
            // closing the connection without the rest: the client sees a short body
            throw new IOException("simulated network failure");
        });
    }

    public ImageHttpServer stallFirstTransferAfter(int bytes) {
        return failFirstTransfer(bytes, (out, cut) -> {
            awaitClosing();
            throw new IOException("stalled transfer abandoned");
        });
    }

    /** Sends {@code bytes}, then the rest only once {@code condition} holds (up to 30 s, else breaks). */
    public ImageHttpServer pauseFirstTransferAfter(int bytes, BooleanSupplier condition) {
        return failFirstTransfer(bytes, (out, cut) -> {
            pauseConditionMet = waitFor(condition, Duration.ofSeconds(30));
            if (!pauseConditionMet) {
                throw new IOException("pause condition never held: abandoning the transfer");
            }
            out.write(body, cut, body.length - cut);
        });
    }

    private ImageHttpServer failFirstTransfer(int cut, AfterCut afterCut) {
        this.firstTransferFault = new FirstTransferFault(cut, afterCut);
        return this;
    }

    /** Whether the pause condition held (null when no paused transfer happened). */
    public Boolean pauseConditionMet() {
        return pauseConditionMet;
    }

    public ImageHttpServer ignoreRange() {
        this.ignoreRange = true;
        return this;
    }

    /** Answers {@code /image…} with headers announcing {@code length} bytes and no body. */
    public ImageHttpServer announceLength(long length) {
        this.announcedLength = length;
        return this;
    }

    /** {@code path} answers 302 to {@code location}. */
    public ImageHttpServer redirect(String path, String location) {
        redirects.put(path, location);
        return this;
    }

    public String url(String name) {
        return "http://127.0.0.1:" + port() + "/" + name;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<String> rangeHeaders() {
        return rangeHeaders;
    }

    public List<String> ifRangeHeaders() {
        return ifRangeHeaders;
    }

    public int requests() {
        return requests.get();
    }

    /** What the first full transfer does once its first {@code cut} bytes are sent and flushed. */
    @FunctionalInterface
    private interface AfterCut {
        void resume(OutputStream out, int cut) throws IOException;
    }

    private record FirstTransferFault(int cut, AfterCut afterCut) {
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
