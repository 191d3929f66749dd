package eu.stratuslab.pdisk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.jetty.server.Handler;

import eu.stratuslab.authn.cert.GridTrust;
import eu.stratuslab.authn.cert.TrustSettings;
import eu.stratuslab.authn.http.AuthenticatedEndpoint;
import eu.stratuslab.pdisk.http.AuthLayer;

/**
 * Production authentication through the authn module's {@link AuthenticatedEndpoint}: JAAS entry
 * {@code stratuslab-pswd} of the configured login.conf behind HTTP Basic (realm
 * {@code StratusLab Password Realm}, role {@code cloud-access}), as one-proxy does (the two share
 * login.conf, spec §12.2); and, when login.conf has {@code stratuslab-cert} and the CA directory
 * exists, client certificates on {@code /cert} (TLS client auth, or the proxy's certificate header
 * from loopback) on the site's {@link GridTrust} — the one-proxy's, when the launcher shares it, so
 * that both apply one namespace policy and see the same VOMS attributes.
 */
final class AuthnModuleLayer implements AuthLayer {

    static final String PASSWORD_REALM = AuthenticatedEndpoint.PASSWORD_REALM;
    static final String ROLE = AuthenticatedEndpoint.REQUIRED_ROLE;

    private final AuthenticatedEndpoint endpoint;
    private final boolean certificates;

    private AuthnModuleLayer(AuthenticatedEndpoint endpoint, boolean certificates) {
        this.endpoint = endpoint;
        this.certificates = certificates;
    }

    /**
     * @param sharedTrust the site's trust policy, or null: pdisk then opens its own on the CA directory of
     *                    its TLS settings (default {@code /etc/grid-security/certificates}) with the
     *                    default policy of authn.md §8.1 and the {@code vomsdir} beside it
     */
    static AuthLayer fromConfig(PdiskConfig cfg, GridTrust sharedTrust) {
        GridTrust trust = sharedTrust;
        if (trust == null) {
            Path caDir = cfg.tlsSettings() != null && cfg.tlsSettings().caDir() != null ? cfg.tlsSettings().caDir()
                    : TrustSettings.DEFAULT_CA_DIR;
            trust = Files.isDirectory(caDir) ? GridTrust.open(new TrustSettings(caDir, TrustSettings.DEFAULT_NAMESPACE_MODE,
                    TrustSettings.DEFAULT_CRL_MODE, TrustSettings.DEFAULT_RELOAD_INTERVAL), caDir.resolveSibling("vomsdir"))
                    : null;
        }
        try {
            AuthenticatedEndpoint endpoint = AuthenticatedEndpoint.builder("pdisk").login(cfg.loginConf()).trust(trust).build();
            // /cert exists only where client certificates can be checked: a stratuslab-cert entry and a CA directory
            boolean certificates = endpoint.hasCertificateLogin() && Files.isDirectory(trust.settings().caDir());
            return new AuthnModuleLayer(endpoint, certificates);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + cfg.loginConf(), e);
        }
    }

    @Override
    public Handler.Wrapper passwordAuthentication() {
        return endpoint.password(PASSWORD_REALM, ROLE);
    }

    @Override
    public Optional<Handler.Wrapper> certificateAuthentication() {
        return certificates ? Optional.of(endpoint.certificate(ROLE)) : Optional.empty();
    }
}
