package eu.stratuslab.infra.http;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One Jetty listener: a {@link Server} with one connector on {@code host:port}, plain HTTP or TLS
 * with a given {@link SslContextFactory.Server}, and a named thread pool. Every service of the
 * cloud (the one-proxy's two listeners, pdisk, the marketplace) listens through this class, so they
 * share one HTTP configuration: no {@code Server} or {@code X-Powered-By} header, and on TLS the
 * {@link SecureRequestCustomizer} that publishes client certificates to the request, without SNI
 * host checking (clients reach a self-signed cloud by IP address as often as by name).
 *
 * <p>Which handler answers, and how requests are authenticated, is the caller's business
 * ({@link #setHandler}).
 *
 * <p>All listeners of the process share one buffer pool that keeps at most
 * {@link #IDLE_BUFFER_BYTES} of idle heap buffers and as much of idle direct buffers. Jetty's
 * default is a pool per server holding up to a quarter of the maximum heap idle (an eighth heap,
 * an eighth direct): with four listeners that is more idle memory than the live data of a busy
 * cloud, and the direct part is outside the heap limit (issue 13 item 9: the resident size follows
 * the live heap). Buffers beyond the bound are allocated and dropped, not refused.
 */
public final class HttpEndpoint {

    /** Idle bytes the shared pool keeps, for heap and for direct buffers each. */
    public static final long IDLE_BUFFER_BYTES = 8L * 1024 * 1024;

    private static final ByteBufferPool SHARED_BUFFERS =
            new ArrayByteBufferPool(0, -1, -1, -1, IDLE_BUFFER_BYTES, IDLE_BUFFER_BYTES);

    private final Server server;
    private final ServerConnector connector;
    private final boolean secure;

    private HttpEndpoint(Builder b) {
        QueuedThreadPool pool = b.maxThreads > 0 ? new QueuedThreadPool(b.maxThreads, b.minThreads) : new QueuedThreadPool();
        pool.setName(b.name);
        server = new Server(pool, null, SHARED_BUFFERS);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        if (b.tls != null) {
            http.setSecureScheme("https");
            http.addCustomizer(new SecureRequestCustomizer(false));
            connector = new ServerConnector(server, new SslConnectionFactory(b.tls, "http/1.1"),
                    new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
        }
        connector.setHost(b.host);
        connector.setPort(b.port);
        server.addConnector(connector);
        secure = b.tls != null;
    }

    /** @param name the thread pool's name (thread names start with it), e.g. {@code one-proxy} */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    public static final class Builder {
        private final String name;
        private String host = "127.0.0.1";
        private int port;
        private SslContextFactory.Server tls;
        private int maxThreads;
        private int minThreads;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Bind address (null or {@code 0.0.0.0}: every interface) and port (0: any free port). */
        public Builder listen(String host, int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.host = host;
            this.port = port;
            return this;
        }

        /** HTTPS with this factory; null keeps plain HTTP. */
        public Builder tls(SslContextFactory.Server factory) {
            this.tls = factory;
            return this;
        }

        /** Thread pool bounds; without this call, Jetty's defaults. */
        public Builder threads(int max, int min) {
            if (max < 1 || min < 1 || min > max) {
                throw new IllegalArgumentException("bad thread pool bounds: max " + max + ", min " + min);
            }
            this.maxThreads = max;
            this.minThreads = min;
            return this;
        }

        /** The listener, not started. */
        public HttpEndpoint build() {
            return new HttpEndpoint(this);
        }
    }

    /** The buffer pool every listener of this process uses. */
    public static ByteBufferPool sharedBufferPool() {
        return SHARED_BUFFERS;
    }

    public Server server() {
        return server;
    }

    public ServerConnector connector() {
        return connector;
    }

    public boolean secure() {
        return secure;
    }

    public void setHandler(Handler handler) {
        server.setHandler(handler);
    }

    public void start() throws Exception {
        try {
            server.start();
        } catch (Exception e) {
            server.stop(); // a failed bind must not leave the pool's threads behind
            throw e;
        }
    }

    public void stop() throws Exception {
        server.stop();
    }

    /** {@code http[s]://<host>:<actual port>} (so port 0 works), see {@link #baseUri(NetworkConnector)}. */
    public URI baseUri() {
        return baseUri(connector);
    }

    /**
     * {@code http[s]://<host>:<actual port>} of a started connector: the scheme from its first
     * protocol, a wildcard or missing bind address shown as the loopback address, IPv6 in brackets.
     */
    public static URI baseUri(NetworkConnector connector) {
        String scheme = connector.getDefaultConnectionFactory().getProtocol().toLowerCase(Locale.ROOT).startsWith("ssl")
                ? "https" : "http";
        String h = connector.getHost();
        if (h == null || h.isEmpty() || h.equals("0.0.0.0") || h.equals("::")) {
            h = InetAddress.getLoopbackAddress().getHostAddress();
        }
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return URI.create(scheme + "://" + h + ":" + connector.getLocalPort());
    }
}
