package eu.stratuslab.oneproxy.server;

import eu.stratuslab.authn.Authenticator;
import eu.stratuslab.authn.JaasAuthenticator;
import eu.stratuslab.authn.LoginConfiguration;
import eu.stratuslab.authn.cert.CertificateAuthHandler;
import eu.stratuslab.authn.cert.TrustAnchors;
import eu.stratuslab.authn.http.BasicAuthHandler;
import eu.stratuslab.authn.tls.ServerTls;
import eu.stratuslab.authn.tls.TlsSettings;
import eu.stratuslab.authn.voms.VomsRoles;
import eu.stratuslab.core.Core;
import eu.stratuslab.oneproxy.api.ApiRegistry;
import eu.stratuslab.oneproxy.api.OneDispatcher;
import eu.stratuslab.xmlrpc.XmlRpcHandler;
import eu.stratuslab.xmlrpc.XmlRpcLimits;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two XML-RPC listeners: {@code /RPC2} (session string is the credential, loopback) and the
 * authenticated one-proxy connector ({@code /one-proxy/pswd/xmlrpc}, {@code /one-proxy/cert/xmlrpc}
 * and the legacy {@code /pswd/xmlrpc}, {@code /cert/xmlrpc}). Other services (pdisk) can be mounted
 * on the proxy connector with {@link #mount(String, Handler)} before {@link #start()}.
 */
public final class OneProxyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OneProxyServer.class);
    public static final String PASSWORD_REALM = "StratusLab Password Realm";
    public static final String REQUIRED_ROLE = "cloud-access";

    private final Core core;
    private final OneProxySettings settings;
    private final Server rpc2Server;
    private final Server proxyServer;
    private final ServerConnector rpc2Connector;
    private final ServerConnector proxyConnector;
    private final PathMappingsHandler proxyRoutes = new PathMappingsHandler();

    public OneProxyServer(Core core, OneProxySettings settings) throws Exception {
        this.core = core;
        this.settings = settings;
        ApiRegistry registry = ApiRegistry.standard(core);
        XmlRpcLimits limits = new XmlRpcLimits(settings.maxBodyBytes(), XmlRpcLimits.DEFAULT.maxDepth());

        rpc2Server = new Server(threadPool("rpc2"));
        rpc2Connector = new ServerConnector(rpc2Server, new HttpConnectionFactory(httpConfig(false)));
        rpc2Connector.setHost(settings.rpc2Host());
        rpc2Connector.setPort(settings.rpc2Port());
        rpc2Server.addConnector(rpc2Connector);
        PathMappingsHandler rpc2Routes = new PathMappingsHandler();
        rpc2Routes.addMapping(PathSpec.from("/RPC2"), new XmlRpcHandler(OneDispatcher.rpc2(registry, core), limits));
        rpc2Server.setHandler(rpc2Routes);

        proxyServer = new Server(threadPool("one-proxy"));
        if (settings.proxyTls()) {
            SslContextFactory.Server ssl = ServerTls.create(new TlsSettings(settings.keyStore(),
                    settings.keyStorePassword(), settings.caDir(), settings.serverName()));
            HttpConfiguration https = httpConfig(true);
            proxyConnector = new ServerConnector(proxyServer, new SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(https));
        } else {
            proxyConnector = new ServerConnector(proxyServer, new HttpConnectionFactory(httpConfig(false)));
        }
        proxyConnector.setHost(settings.proxyHost());
        proxyConnector.setPort(settings.proxyPort());
        proxyServer.addConnector(proxyConnector);

        LoginConfiguration login = LoginConfiguration.load(settings.loginConf());
        java.time.Duration cacheAge = java.time.Duration.ofSeconds(settings.credentialCacheSeconds());
        int cacheEntries = settings.credentialCacheSeconds() > 0 ? 10_000 : 0;
        Authenticator passwords = new JaasAuthenticator(login, "stratuslab-pswd", cacheAge, cacheEntries);
        Authenticator certificates = new JaasAuthenticator(login, "stratuslab-cert", cacheAge, cacheEntries);
        TrustAnchors anchors = TrustAnchors.open(settings.caDir(), Duration.ofMinutes(10), false);
        VomsRoles voms = Files.isDirectory(settings.vomsDir()) ? VomsRoles.open(settings.vomsDir(), anchors) : null;
        OneDispatcher proxied = OneDispatcher.proxied(registry, core);

        for (String base : bases()) {
            proxyRoutes.addMapping(PathSpec.from(base + "/pswd/xmlrpc"), wrap(new BasicAuthHandler(passwords, PASSWORD_REALM,
                    REQUIRED_ROLE), new XmlRpcHandler(proxied, limits)));
            proxyRoutes.addMapping(PathSpec.from(base + "/cert/xmlrpc"), wrap(new CertificateAuthHandler(anchors, certificates,
                    voms, REQUIRED_ROLE), new XmlRpcHandler(proxied, limits)));
        }
        proxyServer.setHandler(proxyRoutes);
    }

    private static Handler wrap(Handler.Wrapper wrapper, Handler inner) {
        wrapper.setHandler(inner);
        return wrapper;
    }

    private java.util.List<String> bases() {
        return settings.legacyPaths() ? java.util.List.of(settings.pathPrefix(), "") : java.util.List.of(settings.pathPrefix());
    }

    private static QueuedThreadPool threadPool(String name) {
        QueuedThreadPool pool = new QueuedThreadPool(256, 8);
        pool.setName(name);
        return pool;
    }

    private static HttpConfiguration httpConfig(boolean secure) {
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        if (secure) {
            // Clients reach a self-signed cloud by IP address as often as by name: no SNI host check.
            config.addCustomizer(new SecureRequestCustomizer(false));
        }
        return config;
    }

    /** Serves another handler (e.g. pdisk under {@code /pdisk/*}) on the one-proxy connector. */
    public void mount(String pathSpec, Handler handler) {
        proxyRoutes.addMapping(PathSpec.from(pathSpec), handler);
    }

    public void start() throws Exception {
        rpc2Server.start();
        proxyServer.start();
        LOG.info("/RPC2 on {}, one-proxy on {}", rpc2Endpoint(), proxyEndpoint());
    }

    public URI rpc2Endpoint() {
        return URI.create("http://" + hostForUrl(settings.rpc2Host()) + ":" + rpc2Connector.getLocalPort() + "/RPC2");
    }

    /** e.g. {@code https://127.0.0.1:2634/one-proxy/pswd/xmlrpc}. */
    public URI proxyEndpoint() {
        return URI.create(proxyBaseUrl() + settings.pathPrefix() + "/pswd/xmlrpc");
    }

    public URI certEndpoint() {
        return URI.create(proxyBaseUrl() + settings.pathPrefix() + "/cert/xmlrpc");
    }

    public String proxyBaseUrl() {
        return (settings.proxyTls() ? "https://" : "http://") + hostForUrl(settings.proxyHost()) + ":"
                + proxyConnector.getLocalPort();
    }

    private static String hostForUrl(String bind) {
        return bind == null || bind.isEmpty() || bind.equals("0.0.0.0") ? "127.0.0.1" : bind;
    }

    public Core core() {
        return core;
    }

    @Override
    public void close() throws Exception {
        proxyServer.stop();
        rpc2Server.stop();
    }
}
