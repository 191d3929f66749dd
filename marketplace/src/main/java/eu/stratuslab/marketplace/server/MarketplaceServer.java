package eu.stratuslab.marketplace.server;

import java.net.URI;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import eu.stratuslab.authn.http.AuthenticatedEndpoint;
import eu.stratuslab.infra.http.HttpEndpoint;

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
    private HttpEndpoint server;

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
        // the size cap comes first (issue 13 item 5): image bodies up to the image cap, anything
        // else (manifests, forms) up to the manifest cap; more is 413 before a byte is read. The
        // endpoints keep their own exact checks (and messages) below these outer bounds.
        long textLimit = Math.max(service.maxManifestBytes(), 64 * 1024);
        long imageLimit = service.maxImageBytes() + (1L << 20);
        Handler capped = new eu.stratuslab.authn.http.RequestSizeLimitHandler(request -> {
            String ct = java.util.Optional.ofNullable(request.getHeaders().get(org.eclipse.jetty.http.HttpHeader.CONTENT_TYPE))
                    .orElse("").toLowerCase(java.util.Locale.ROOT);
            boolean text = ct.contains("xml") || ct.startsWith("application/x-www-form-urlencoded")
                    || ct.startsWith("multipart/") || ct.startsWith("text/");
            return text ? textLimit : imageLimit;
        }, new MarketplaceHandler(service, gate, adminAuthentication));
        ContextHandler context = new ContextHandler(capped, CONTEXT_PATH);
        context.setAllowNullPathInContext(true);
        return context;
    }

    public synchronized void start() throws Exception {
        if (server != null) {
            throw new IllegalStateException("the marketplace server is already started");
        }
        HttpEndpoint s = AuthenticatedEndpoint.builder("marketplace").listen(host, port).build().listener();
        s.setHandler(newContext(service, gate, adminAuthentication));
        s.start();
        server = s;
        service.useEndpointIfUnset(endpoint());
        LOG.info("marketplace listening at {} (entries link to {})", endpoint(), service.endpoint());
    }

    /** {@code http://<host>:<actual port>/marketplace}; a wildcard host is shown as the loopback address. */
    public synchronized URI endpoint() {
        if (server == null) {
            throw new IllegalStateException("the marketplace server is not started");
        }
        return URI.create(server.baseUri() + CONTEXT_PATH);
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
        }
    }

    @Override
    public void close() {
        stop();
    }
}
