package eu.stratuslab.pdisk;

import java.net.URI;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import eu.stratuslab.infra.exec.CommandRunner;
import eu.stratuslab.infra.exec.ProcessCommandRunner;
import eu.stratuslab.pdisk.http.AuthLayer;
import eu.stratuslab.pdisk.http.PdiskRouter;
import eu.stratuslab.pdisk.http.StaticResourceHandler;

/**
 * The pdisk service. With its own Jetty server it listens on {@code bindHost:httpPort} (9206,
 * plain HTTP behind the proxy) or, with TLS on, {@code httpsPort} (8445), and serves both the
 * 14.06 paths ({@code /pdisk/pswd/…}, {@code /pdisk/cert/…}) and the legacy short paths
 * ({@code /pswd/…}, {@code /cert/…}). Given a shared server (the one-proxy's), it adds its
 * {@code /pdisk} context to that server's handler collection instead.
 */
public final class PdiskServer {

    private static final Logger LOG = LoggerFactory.getLogger(PdiskServer.class);

    private final PdiskConfig cfg;
    private final Server shared;
    private final AuthLayer auth;
    private final CommandRunner backendRunner;
    private final CommandRunner nodeRunner;
    private Server own;
    private PdiskServices services;
    private ContextHandler pdiskContext;

    /** Production wiring: authentication from the configured login.conf through the authn module. */
    public PdiskServer(PdiskConfig cfg, Server sharedServerOrNull) {
        this(cfg, sharedServerOrNull, AuthnModuleLayer.fromConfig(cfg), new ProcessCommandRunner(), new ProcessCommandRunner());
    }

    /** Explicit wiring (tests, embedding): authentication layer and command runners. */
    public PdiskServer(PdiskConfig cfg, Server sharedServerOrNull, AuthLayer auth, CommandRunner backendRunner,
            CommandRunner nodeRunner) {
        this.cfg = cfg;
        this.shared = sharedServerOrNull;
        this.auth = auth;
        this.backendRunner = backendRunner;
        this.nodeRunner = nodeRunner;
    }

    public synchronized void start() throws Exception {
        services = new PdiskServices(cfg, backendRunner, nodeRunner);
        pdiskContext = newContext("/pdisk");
        if (shared == null) {
            own = new Server();
            ServerConnector connector = cfg.tlsEnabled() ? AuthnModuleLayer.tlsConnector(own, cfg) : new ServerConnector(own);
            connector.setHost(cfg.bindHost());
            connector.setPort(cfg.tlsEnabled() ? cfg.httpsPort() : cfg.httpPort());
            own.addConnector(connector);
            own.setHandler(new ContextHandlerCollection(pdiskContext, newContext("/")));
            own.start();
        } else {
            Handler existing = shared.getHandler();
            if (existing instanceof Handler.Collection collection) {
                collection.addHandler(pdiskContext);
            } else if (existing == null) {
                shared.setHandler(new ContextHandlerCollection(pdiskContext));
            } else {
                throw new IllegalStateException("shared server handler must be a Handler.Collection, not " + existing);
            }
            if (shared.isStarted()) {
                pdiskContext.start();
            }
        }
        LOG.info("pdisk started at {} with the {} backend", endpoint(), services.backend().kind());
    }

    /** The {@code /pdisk} context, for a launcher that mounts it itself (create after {@link #start()}). */
    public ContextHandler contextHandler() {
        return pdiskContext;
    }

    private ContextHandler newContext(String path) {
        Handler.Wrapper pswd = auth.passwordAuthentication();
        pswd.setHandler(services.newApiHandler());
        Handler.Wrapper cert = auth.certificateAuthentication().orElse(null);
        if (cert != null) {
            cert.setHandler(services.newApiHandler());
        }
        ContextHandler context = new ContextHandler(new PdiskRouter(pswd, cert, new StaticResourceHandler()), path);
        context.setAllowNullPathInContext(true);
        return context;
    }

    public synchronized void stop() {
        try {
            if (own != null) {
                own.stop();
            } else if (pdiskContext != null && shared != null) {
                pdiskContext.stop();
                if (shared.getHandler() instanceof Handler.Collection collection) {
                    collection.removeHandler(pdiskContext);
                }
            }
        } catch (Exception e) {
            LOG.warn("error while stopping pdisk", e);
        } finally {
            if (services != null) {
                services.close();
                services = null;
            }
        }
    }

    /** The {@code /pdisk} base URL (actual port, so port 0 works in tests). */
    public URI endpoint() {
        Server server = own != null ? own : shared;
        NetworkConnector c = (NetworkConnector) server.getConnectors()[0];
        String scheme = c.getDefaultConnectionFactory().getProtocol().toLowerCase(java.util.Locale.ROOT).startsWith("ssl")
                ? "https" : "http";
        String host = c.getHost() == null ? "localhost" : c.getHost();
        return URI.create(scheme + "://" + host + ":" + c.getLocalPort() + "/pdisk");
    }

    /** Services, for in-process callers and tests. */
    public PdiskServices services() {
        return services;
    }
}
