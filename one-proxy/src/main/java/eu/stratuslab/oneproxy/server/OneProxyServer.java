package eu.stratuslab.oneproxy.server;

import eu.stratuslab.authn.cert.GridTrust;
import eu.stratuslab.authn.cert.TrustSettings;
import eu.stratuslab.authn.http.AuthenticatedEndpoint;
import eu.stratuslab.authn.tls.TlsSettings;
import eu.stratuslab.core.Core;
import eu.stratuslab.infra.http.HttpEndpoint;
import eu.stratuslab.infra.metrics.Metrics;
import eu.stratuslab.oneproxy.admin.AccountingHandler;
import eu.stratuslab.oneproxy.admin.MetricsHandler;
import eu.stratuslab.oneproxy.api.ApiRegistry;
import eu.stratuslab.oneproxy.api.OneDispatcher;
import eu.stratuslab.oneproxy.forward.ForwardingDispatcher;
import eu.stratuslab.xmlrpc.XmlRpcDispatcher;
import eu.stratuslab.xmlrpc.XmlRpcHandler;
import eu.stratuslab.xmlrpc.XmlRpcLimits;
import java.net.URI;
import java.time.Duration;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two XML-RPC listeners: {@code /RPC2} (session string is the credential, loopback) and the
 * authenticated one-proxy connector ({@code /one-proxy/pswd/xmlrpc}, {@code /one-proxy/cert/xmlrpc}
 * and the legacy {@code /pswd/xmlrpc}, {@code /cert/xmlrpc}). Other services (pdisk) can be mounted
 * on the proxy connector with {@link #mount(String, Handler)} before {@link #start()}. In forward
 * mode ({@link #forwarding}) only the authenticated connector runs, relaying to an external oned.
 */
public final class OneProxyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OneProxyServer.class);
    public static final String PASSWORD_REALM = AuthenticatedEndpoint.PASSWORD_REALM;
    public static final String REQUIRED_ROLE = AuthenticatedEndpoint.REQUIRED_ROLE;
    /** Path of the Prometheus metrics (on /RPC2's listener; after {@code <prefix>/pswd|cert} on the one-proxy). */
    public static final String METRICS = "/metrics";
    /** Path of the accounting report, after {@code <prefix>/pswd|cert} on the one-proxy. */
    public static final String ACCOUNTING = "/accounting";

    private final Core core;
    private final OneProxySettings settings;
    /** Thread pool bounds of each listener. */
    static final int MAX_THREADS = 256; // package-visible: the TLS floor benchmark serves with the same pool
    static final int MIN_THREADS = 8;

    private final HttpEndpoint rpc2;
    private final HttpEndpoint proxy;
    private final GridTrust ownedTrust;
    private final PathMappingsHandler proxyRoutes = new PathMappingsHandler();

    /**
     * A one-proxy with its own grid trust: the CA directory and vomsdir of {@code settings} with the
     * default policy of authn.md §8.1 (namespaces enforced, CRLs required). Closed with the server.
     */
    public OneProxyServer(Core core, OneProxySettings settings) throws Exception {
        this(core, settings, GridTrust.open(new TrustSettings(settings.caDir(), TrustSettings.DEFAULT_NAMESPACE_MODE,
                TrustSettings.DEFAULT_CRL_MODE, TrustSettings.DEFAULT_RELOAD_INTERVAL), settings.vomsDir()), true, Metrics.none());
    }

    /**
     * A one-proxy on the site's grid trust, shared with the other certificate services (pdisk) so
     * that all apply one policy; the caller keeps ownership of {@code trust}.
     */
    public OneProxyServer(Core core, OneProxySettings settings, GridTrust trust) throws Exception {
        this(core, settings, trust, false, Metrics.none());
    }

    /**
     * As {@link #OneProxyServer(Core, OneProxySettings, GridTrust)}, measuring API calls and logins in
     * {@code metrics} and serving them on {@code /metrics} (docs/metrics.md): without credentials to
     * loopback clients of the /RPC2 listener, and to oneadmin on {@code <prefix>/pswd/metrics} and
     * {@code <prefix>/cert/metrics}.
     */
    public OneProxyServer(Core core, OneProxySettings settings, GridTrust trust, Metrics metrics) throws Exception {
        this(core, settings, trust, false, metrics);
    }

    private OneProxyServer(Core core, OneProxySettings settings, GridTrust trust, boolean ownsTrust, Metrics metrics)
            throws Exception {
        this(core, settings, trust, ownsTrust, ApiRegistry.standard(core), metrics);
    }

    private OneProxyServer(Core core, OneProxySettings settings, GridTrust trust, boolean ownsTrust, ApiRegistry registry,
                           Metrics metrics) throws Exception {
        this(core, settings, trust, ownsTrust, OneDispatcher.proxied(registry, core).measuredBy(metrics),
                OneDispatcher.rpc2(registry, core).measuredBy(metrics), metrics);
    }

    /**
     * Forward mode (authn.md §11): the authenticated connector only, its calls relayed to the
     * external oned by {@code forwarder}. No core and no {@code /RPC2} listener: the external oned
     * serves its own {@code /RPC2}. The caller keeps ownership of {@code trust}.
     */
    public static OneProxyServer forwarding(OneProxySettings settings, GridTrust trust, ForwardingDispatcher forwarder)
            throws Exception {
        return new OneProxyServer(null, settings, trust, false, forwarder, null, Metrics.none());
    }

    /** @param rpc2Dispatcher null: no {@code /RPC2} listener (and no core: no administrative endpoints) */
    private OneProxyServer(Core core, OneProxySettings settings, GridTrust trust, boolean ownsTrust,
                           XmlRpcDispatcher proxied, XmlRpcDispatcher rpc2Dispatcher, Metrics metrics) throws Exception {
        this.core = core;
        this.settings = settings;
        this.ownedTrust = ownsTrust ? trust : null;
        XmlRpcLimits limits = new XmlRpcLimits(settings.maxBodyBytes(), XmlRpcLimits.DEFAULT.maxDepth());

        if (rpc2Dispatcher == null) {
            rpc2 = null;
        } else {
            rpc2 = HttpEndpoint.builder("rpc2").listen(settings.rpc2Host(), settings.rpc2Port())
                    .threads(MAX_THREADS, MIN_THREADS).build();
            PathMappingsHandler rpc2Routes = new PathMappingsHandler();
            rpc2Routes.addMapping(PathSpec.from("/RPC2"), capped(new XmlRpcHandler(rpc2Dispatcher, limits)));
            rpc2Routes.addMapping(PathSpec.from(METRICS), new MetricsHandler(metrics, core, MetricsHandler.Access.LOOPBACK));
            rpc2.setHandler(rpc2Routes);
        }

        int cacheSeconds = settings.credentialCacheSeconds();
        AuthenticatedEndpoint endpoint = AuthenticatedEndpoint.builder("one-proxy")
                .listen(settings.proxyHost(), settings.proxyPort()).threads(MAX_THREADS, MIN_THREADS)
                .tls(settings.proxyTls() ? new TlsSettings(settings.keyStore(), settings.keyStorePassword(), settings.caDir(),
                        settings.serverName()) : null)
                .login(settings.loginConf()).credentialCache(Duration.ofSeconds(cacheSeconds), cacheSeconds > 0 ? 10_000 : 0)
                .trust(trust).metrics(metrics).build();
        proxy = endpoint.listener();
        for (String base : bases()) {
            proxyRoutes.addMapping(PathSpec.from(base + "/pswd/xmlrpc"),
                    capped(endpoint.password(PASSWORD_REALM, REQUIRED_ROLE, new XmlRpcHandler(proxied, limits))));
            proxyRoutes.addMapping(PathSpec.from(base + "/cert/xmlrpc"),
                    capped(endpoint.certificate(REQUIRED_ROLE, new XmlRpcHandler(proxied, limits))));
            // the administrative endpoints, behind the same authentication (docs/metrics.md, docs/accounting.md);
            // in forward mode the accounts and VMs are the external oned's, so there are none
            for (String auth : core == null ? java.util.List.<String>of() : java.util.List.of("/pswd", "/cert")) {
                Handler metricsHandler = new MetricsHandler(metrics, core, MetricsHandler.Access.ADMIN);
                Handler accounting = new AccountingHandler(core);
                proxyRoutes.addMapping(PathSpec.from(base + auth + METRICS), capped(authenticated(endpoint, auth, metricsHandler)));
                proxyRoutes.addMapping(PathSpec.from(base + auth + ACCOUNTING), capped(authenticated(endpoint, auth, accounting)));
            }
        }
        proxy.setHandler(proxyRoutes);
    }

    private static Handler authenticated(AuthenticatedEndpoint endpoint, String auth, Handler next) {
        return auth.equals("/pswd") ? endpoint.password(PASSWORD_REALM, REQUIRED_ROLE, next)
                : endpoint.certificate(REQUIRED_ROLE, next);
    }

    /** The size cap in front of an endpoint, authentication included (issue 13 item 5). */
    private Handler capped(Handler endpoint) {
        return new eu.stratuslab.authn.http.RequestSizeLimitHandler(settings.maxBodyBytes(), endpoint);
    }

    private java.util.List<String> bases() {
        return settings.legacyPaths() ? java.util.List.of(settings.pathPrefix(), "") : java.util.List.of(settings.pathPrefix());
    }

    /** Serves another handler (e.g. pdisk under {@code /pdisk/*}) on the one-proxy connector. */
    public void mount(String pathSpec, Handler handler) {
        proxyRoutes.addMapping(PathSpec.from(pathSpec), handler);
    }

    public void start() throws Exception {
        if (rpc2 == null) {
            proxy.start();
            LOG.info("one-proxy on {}, forwarding", proxyEndpoint());
            return;
        }
        rpc2.start();
        proxy.start();
        LOG.info("/RPC2 on {}, one-proxy on {}", rpc2Endpoint(), proxyEndpoint());
    }

    /** Whether this server has its own {@code /RPC2} (not in forward mode). */
    public boolean servesRpc2() {
        return rpc2 != null;
    }

    /** The loopback-only metrics, e.g. {@code http://127.0.0.1:2633/metrics}. */
    public URI rpc2MetricsEndpoint() {
        if (rpc2 == null) {
            throw new IllegalStateException("forward mode: no /RPC2 listener");
        }
        return URI.create(rpc2.baseUri() + METRICS);
    }

    public URI rpc2Endpoint() {
        if (rpc2 == null) {
            throw new IllegalStateException("forward mode: /RPC2 is the external oned's");
        }
        return URI.create(rpc2.baseUri() + "/RPC2");
    }

    /** e.g. {@code https://127.0.0.1:2634/one-proxy/pswd/xmlrpc}. */
    public URI proxyEndpoint() {
        return URI.create(proxyBaseUrl() + settings.pathPrefix() + "/pswd/xmlrpc");
    }

    public URI certEndpoint() {
        return URI.create(proxyBaseUrl() + settings.pathPrefix() + "/cert/xmlrpc");
    }

    public String proxyBaseUrl() {
        return proxy.baseUri().toString();
    }

    /** The core served, null in forward mode. */
    public Core core() {
        return core;
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
            if (rpc2 != null) {
                rpc2.stop();
            }
        } finally {
            if (ownedTrust != null) {
                ownedTrust.close();
            }
        }
    }
}
