package eu.stratuslab.marketplace.server;

import java.net.InetAddress;
import java.net.URI;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Jetty server holding the marketplace at {@value #CONTEXT_PATH}: {@code start()} binds
 * {@code host:port} (port 0 = an ephemeral port), {@link #endpoint()} is then
 * {@code http://<host>:<port>/marketplace}. A launcher with its own Jetty server mounts
 * {@link #newContext} instead.
 */
public final class MarketplaceServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MarketplaceServer.class);
    public static final String CONTEXT_PATH = "/marketplace";

    private final String host;
    private final int port;
    private final MarketplaceService service;
    private final AdministratorGate gate;
    private final UnaryOperator<Handler> adminAuthentication;
    private Server server;
    private ServerConnector connector;

    public MarketplaceServer(String host, int port, MarketplaceService service, AdministratorGate gate) {
        this(host, port, service, gate, UnaryOperator.identity());
    }

    /** @param adminAuthentication wraps only {@code POST /images/} (see {@link MarketplaceHandler}) */
    public MarketplaceServer(String host, int port, MarketplaceService service, AdministratorGate gate,
            UnaryOperator<Handler> adminAuthentication) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.service = Objects.requireNonNull(service, "service");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.adminAuthentication = Objects.requireNonNull(adminAuthentication, "adminAuthentication");
    }

    /** The marketplace context ({@value #CONTEXT_PATH}) for mounting on another Jetty server. */
    public static ContextHandler newContext(MarketplaceService service, AdministratorGate gate,
            UnaryOperator<Handler> adminAuthentication) {
        ContextHandler context = new ContextHandler(new MarketplaceHandler(service, gate, adminAuthentication),
                CONTEXT_PATH);
        context.setAllowNullPathInContext(true);
        return context;
    }

    public synchronized void start() throws Exception {
        if (server != null) {
            throw new IllegalStateException("the marketplace server is already started");
        }
        Server s = new Server();
        ServerConnector c = new ServerConnector(s);
        c.setHost(host);
        c.setPort(port);
        s.addConnector(c);
        s.setHandler(newContext(service, gate, adminAuthentication));
        try {
            s.start();
        } catch (Exception e) {
            s.stop();
            throw e;
        }
        server = s;
        connector = c;
        service.useEndpointIfUnset(endpoint());
        LOG.info("marketplace listening at {} (entries link to {})", endpoint(), service.endpoint());
    }

    /** {@code http://<host>:<actual port>/marketplace}; a wildcard host is shown as the loopback address. */
    public synchronized URI endpoint() {
        if (connector == null) {
            throw new IllegalStateException("the marketplace server is not started");
        }
        String h = connector.getHost();
        if (h == null || h.isEmpty() || h.equals("0.0.0.0") || h.equals("::")) {
            h = InetAddress.getLoopbackAddress().getHostAddress();
        }
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return URI.create("http://" + h + ":" + connector.getLocalPort() + CONTEXT_PATH);
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("error while stopping the marketplace server: {}", e.toString());
        } finally {
            server = null;
            connector = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
