package eu.stratuslab.pdisk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;

import eu.stratuslab.authn.Authenticator;
import eu.stratuslab.authn.JaasAuthenticator;
import eu.stratuslab.authn.LoginConfiguration;
import eu.stratuslab.authn.cert.CertificateAuthHandler;
import eu.stratuslab.authn.cert.TrustAnchors;
import eu.stratuslab.authn.cert.TrustSettings;
import eu.stratuslab.authn.http.BasicAuthHandler;
import eu.stratuslab.authn.tls.ServerTls;
import eu.stratuslab.pdisk.http.AuthLayer;

/**
 * Production authentication through the authn module: JAAS entry {@code stratuslab-pswd} of the
 * configured login.conf behind HTTP Basic (realm {@code StratusLab Password Realm}, role
 * {@code cloud-access}), as one-proxy does (the two share login.conf, spec §12.2); and, when
 * login.conf has {@code stratuslab-cert} and the CA directory exists, client certificates on
 * {@code /cert} (TLS client auth, or the proxy's certificate header from loopback).
 */
final class AuthnModuleLayer implements AuthLayer {

    static final String PASSWORD_REALM = "StratusLab Password Realm";
    static final String ROLE = "cloud-access";

    private final Authenticator passwords;
    private final Authenticator certificates;
    private final TrustAnchors anchors;

    AuthnModuleLayer(Authenticator passwords, Authenticator certificates, TrustAnchors anchors) {
        this.passwords = passwords;
        this.certificates = certificates;
        this.anchors = anchors;
    }

    static AuthLayer fromConfig(PdiskConfig cfg) {
        try {
            LoginConfiguration login = LoginConfiguration.load(cfg.loginConf());
            Authenticator passwords = new JaasAuthenticator(login, "stratuslab-pswd");
            // /cert exists only where client certificates can be checked: a stratuslab-cert entry and a CA directory
            Path caDir = cfg.tlsSettings() != null && cfg.tlsSettings().caDir() != null ? cfg.tlsSettings().caDir()
                    : TrustSettings.DEFAULT_CA_DIR;
            if (login.entryNames().contains("stratuslab-cert") && Files.isDirectory(caDir)) {
                return new AuthnModuleLayer(passwords, new JaasAuthenticator(login, "stratuslab-cert"),
                        TrustAnchors.open(caDir, null, true));
            }
            return new AuthnModuleLayer(passwords, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + cfg.loginConf(), e);
        }
    }

    @Override
    public Handler.Wrapper passwordAuthentication() {
        return new BasicAuthHandler(passwords, PASSWORD_REALM, ROLE);
    }

    @Override
    public Optional<Handler.Wrapper> certificateAuthentication() {
        if (anchors == null) {
            return Optional.empty();
        }
        return Optional.of(new CertificateAuthHandler(anchors, certificates, null, ROLE));
    }

    static ServerConnector tlsConnector(Server server, PdiskConfig cfg) {
        if (cfg.tlsSettings() == null) {
            throw new IllegalStateException("TLS is on but no TLS settings (key store) are configured");
        }
        return new ServerConnector(server, new SslConnectionFactory(ServerTls.create(cfg.tlsSettings()), "http/1.1"),
                new HttpConnectionFactory(ServerTls.httpsConfiguration()));
    }
}
