package eu.stratuslab.pdisk;

import java.net.URI;

import eu.stratuslab.authn.http.RequestSizeLimitHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import eu.stratuslab.authn.cert.GridTrust;
import eu.stratuslab.authn.http.AuthenticatedEndpoint;
import eu.stratuslab.infra.exec.CommandRunner;
import eu.stratuslab.infra.http.HttpEndpoint;
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
    private HttpEndpoint own;
    private PdiskServices services;
    private ContextHandler pdiskContext;

    /**
     * Production wiring: authentication from the configured login.conf through the authn module, with
     * pdisk's own grid trust (the default policy of authn.md §8.1 on the CA directory of its TLS settings).
     */
    public PdiskServer(PdiskConfig cfg, Server sharedServerOrNull) {
        this(cfg, sharedServerOrNull, (GridTrust) null);
    }

    /**
     * Production wiring on the site's grid trust, shared with the one-proxy so that certificates and
     * VOMS proxies are judged alike by both; the caller keeps ownership of {@code trust} (null: as
     * {@link #PdiskServer(PdiskConfig, Server)}).
     */
    public PdiskServer(PdiskConfig cfg, Server sharedServerOrNull, GridTrust trust) {
        this(cfg, sharedServerOrNull, AuthnModuleLayer.fromConfig(cfg, trust), new ProcessCommandRunner(),
                new ProcessCommandRunner());
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
            if (cfg.tlsEnabled() && cfg.tlsSettings() == null) {
                throw new IllegalStateException("TLS is on but no TLS settings (key store) are configured");
            }
            own = AuthenticatedEndpoint.builder("pdisk")
                    .listen(cfg.bindHost(), cfg.tlsEnabled() ? cfg.httpsPort() : cfg.httpPort())
                    .tls(cfg.tlsEnabled() ? cfg.tlsSettings() : null).build().listener();
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
        // the size cap comes first, before authentication (issue 13 item 5): an image upload
        // (multipart) may be as large as the largest disk, any other body is a small form
        long uploadLimit = cfg.sizeMaxGiB() * (1L << 30) + (1L << 20);
        Handler capped = new RequestSizeLimitHandler(request -> {
            String ct = request.getHeaders().get(org.eclipse.jetty.http.HttpHeader.CONTENT_TYPE);
            boolean upload = ct != null && ct.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data");
            return upload ? uploadLimit : eu.stratuslab.pdisk.http.PdiskApiHandler.MAX_FORM_BYTES;
        }, new PdiskRouter(pswd, cert, new StaticResourceHandler()));
        ContextHandler context = new ContextHandler(capped, path);
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
        URI base = own != null ? own.baseUri() : HttpEndpoint.baseUri((NetworkConnector) shared.getConnectors()[0]);
        return URI.create(base + "/pdisk");
    }

    /** Services, for in-process callers and tests. */
    public PdiskServices services() {
        return services;
    }
}
