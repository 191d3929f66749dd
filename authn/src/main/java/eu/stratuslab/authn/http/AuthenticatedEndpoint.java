package eu.stratuslab.authn.http;

import eu.stratuslab.authn.Authenticator;
import eu.stratuslab.authn.JaasAuthenticator;
import eu.stratuslab.authn.LoginConfiguration;
import eu.stratuslab.authn.MeasuredAuthenticator;
import eu.stratuslab.authn.cert.CertificateAuthHandler;
import eu.stratuslab.authn.cert.GridTrust;
import eu.stratuslab.authn.tls.ServerTls;
import eu.stratuslab.authn.tls.TlsSettings;
import eu.stratuslab.infra.http.HttpEndpoint;
import eu.stratuslab.infra.metrics.Metrics;
import org.eclipse.jetty.server.Handler;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * An authenticated Jetty endpoint (authn.md §1, §7, §8): the listener (plain HTTP or TLS with the
 * host certificate, client certificates requested), and the authentication handlers of the JAAS
 * entries of {@code login.conf} — HTTP Basic through {@value #PASSWORD_ENTRY} and client
 * certificates through {@value #CERTIFICATE_ENTRY} on the site's {@link GridTrust}. The one-proxy,
 * pdisk and the marketplace are all built from it, so they authenticate alike.
 *
 * <p>Every part is optional: without {@link Builder#listen} there is no listener (handlers to mount on
 * another server), without {@link Builder#login} no authentication handlers (an open listener).
 * Handlers are new on every call because a Jetty handler has one parent.
 *
 * <pre>{@code
 * AuthenticatedEndpoint ep = AuthenticatedEndpoint.builder("one-proxy").listen("127.0.0.1", 2634)
 *         .tls(tlsSettings).login(loginConf).trust(gridTrust).build();
 * routes.addMapping(PathSpec.from("/pswd/xmlrpc"), ep.password(PASSWORD_REALM, REQUIRED_ROLE, api));
 * routes.addMapping(PathSpec.from("/cert/xmlrpc"), ep.certificate(REQUIRED_ROLE, api));
 * ep.listener().setHandler(routes);
 * ep.listener().start();
 * }</pre>
 */
public final class AuthenticatedEndpoint {

    public static final String PASSWORD_ENTRY = "stratuslab-pswd";
    public static final String CERTIFICATE_ENTRY = "stratuslab-cert";
    public static final String PASSWORD_REALM = "StratusLab Password Realm";
    public static final String REQUIRED_ROLE = "cloud-access";

    private final HttpEndpoint listener;
    private final LoginConfiguration login;
    private final Authenticator passwords;
    private final Authenticator certificates;
    private final GridTrust trust;

    private AuthenticatedEndpoint(HttpEndpoint listener, LoginConfiguration login, Authenticator passwords,
            Authenticator certificates, GridTrust trust) {
        this.listener = listener;
        this.login = login;
        this.passwords = passwords;
        this.certificates = certificates;
        this.trust = trust;
    }

    /** @param name names the listener's threads, e.g. {@code one-proxy} */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    public static final class Builder {
        private final HttpEndpoint.Builder listener;
        private boolean listening;
        private TlsSettings tls;
        private Path loginConf;
        private Duration cacheMaxAge;
        private int cacheMaxEntries;
        private GridTrust trust;
        private Metrics metrics = Metrics.none();

        private Builder(String name) {
            this.listener = HttpEndpoint.builder(name);
        }

        /** Listens on {@code host:port} (0: any free port). */
        public Builder listen(String host, int port) {
            listener.listen(host, port);
            listening = true;
            return this;
        }

        /** HTTPS with the host certificate of {@code settings} ({@link ServerTls}); null keeps plain HTTP. */
        public Builder tls(TlsSettings settings) {
            this.tls = settings;
            return this;
        }

        public Builder threads(int max, int min) {
            listener.threads(max, min);
            return this;
        }

        /** The JAAS configuration whose entries authenticate ({@link LoginConfiguration#load}). */
        public Builder login(Path loginConf) {
            this.loginConf = Objects.requireNonNull(loginConf, "loginConf");
            return this;
        }

        /**
         * How long a verified credential is reused and how many are kept (see {@link JaasAuthenticator});
         * without this call, {@link JaasAuthenticator}'s defaults.
         */
        public Builder credentialCache(Duration maxAge, int maxEntries) {
            this.cacheMaxAge = Objects.requireNonNull(maxAge, "maxAge");
            this.cacheMaxEntries = maxEntries;
            return this;
        }

        /** The grid trust policy of the certificate login; without it there is no certificate login. */
        public Builder trust(GridTrust gridTrust) {
            this.trust = gridTrust;
            return this;
        }

        /** Where the outcomes of the password and certificate logins are counted ({@link MeasuredAuthenticator}). */
        public Builder metrics(Metrics m) {
            this.metrics = Metrics.orNone(m);
            return this;
        }

        /** @throws IOException when {@code login.conf} cannot be read or parsed */
        public AuthenticatedEndpoint build() throws IOException {
            LoginConfiguration conf = loginConf == null ? null : LoginConfiguration.load(loginConf);
            Authenticator pswd = conf == null ? null : authenticator(conf, PASSWORD_ENTRY);
            Authenticator cert = conf == null ? null : authenticator(conf, CERTIFICATE_ENTRY);
            HttpEndpoint built = null;
            if (listening) {
                built = listener.tls(tls == null ? null : ServerTls.create(tls)).build();
            } else if (tls != null) {
                throw new IllegalStateException("TLS settings without a listener");
            }
            return new AuthenticatedEndpoint(built, conf, pswd, cert, trust);
        }

        /** Null when {@code login.conf} lacks the entry: asking for its handler is then an error. */
        private Authenticator authenticator(LoginConfiguration conf, String entry) {
            if (!conf.entryNames().contains(entry)) {
                return null;
            }
            Authenticator jaas = cacheMaxAge == null ? new JaasAuthenticator(conf, entry)
                    : new JaasAuthenticator(conf, entry, cacheMaxAge, cacheMaxEntries);
            return metrics.recording() ? new MeasuredAuthenticator(jaas, entry, metrics) : jaas;
        }
    }

    /** The listener (not started). */
    public HttpEndpoint listener() {
        if (listener == null) {
            throw new IllegalStateException("this endpoint has no listener (no listen(host, port))");
        }
        return listener;
    }

    /** HTTP Basic through {@value #PASSWORD_ENTRY}: 401 with the realm's challenge, 403 without the role. */
    public BasicAuthHandler password(String realm, String requiredRole) {
        return new BasicAuthHandler(passwords(), realm, requiredRole);
    }

    public BasicAuthHandler password(String realm, String requiredRole, Handler next) {
        return new BasicAuthHandler(passwords(), realm, requiredRole, next);
    }

    /**
     * Client certificates (TLS, or a trusted reverse proxy's header) validated on the {@link GridTrust},
     * roles from {@value #CERTIFICATE_ENTRY} and VOMS; every refusal 403.
     */
    public CertificateAuthHandler certificate(String requiredRole) {
        if (trust == null) {
            throw new IllegalStateException("no grid trust: certificate login is not configured");
        }
        return trust.certificateAuthentication(entry(certificates, CERTIFICATE_ENTRY), requiredRole);
    }

    public CertificateAuthHandler certificate(String requiredRole, Handler next) {
        CertificateAuthHandler handler = certificate(requiredRole);
        handler.setHandler(next);
        return handler;
    }

    /** Whether {@code login.conf} has a {@value #CERTIFICATE_ENTRY} entry and a grid trust is set. */
    public boolean hasCertificateLogin() {
        return trust != null && certificates != null;
    }

    /** The password authenticator ({@value #PASSWORD_ENTRY}), for callers that check passwords themselves. */
    public Authenticator passwords() {
        return entry(passwords, PASSWORD_ENTRY);
    }

    private Authenticator entry(Authenticator authenticator, String entry) {
        if (login == null) {
            throw new IllegalStateException("no login.conf: this endpoint does not authenticate");
        }
        if (authenticator == null) {
            throw new IllegalStateException(login.file() + " has no entry '" + entry + "' (entries: " + login.entryNames() + ")");
        }
        return authenticator;
    }
}
