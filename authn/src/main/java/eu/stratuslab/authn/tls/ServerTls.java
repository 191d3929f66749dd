package eu.stratuslab.authn.tls;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import javax.net.ssl.TrustManager;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CRL;
import java.util.Collection;

/**
 * TLS for the one-proxy and pdisk connectors: the host certificate (self-signed and stored on
 * first start when the configured key store does not exist), TLS 1.2 and 1.3 only, no weak cipher
 * suites, client certificates requested but not required, and a trust manager that lets grid proxy
 * chains through the handshake (validation happens per request in {@code CertificateAuthHandler}).
 */
public final class ServerTls {

    static final Path DEFAULT_CA_DIR = Path.of("/etc/grid-security/certificates");

    private ServerTls() {
    }

    /** A started-on-demand Jetty TLS factory for {@code settings}; fails fast if the key store is unusable. */
    public static SslContextFactory.Server create(TlsSettings settings) {
        KeyStore keyStore = HostKeyStore.loadOrCreate(settings.keyStore(), settings.keyStorePassword(), settings.hostName());
        Path caDir = settings.caDir() == null ? DEFAULT_CA_DIR : settings.caDir();
        ProxyChainTrustManager trustManager = new ProxyChainTrustManager(new CaDirectoryIssuers(caDir));

        SslContextFactory.Server factory = new SslContextFactory.Server() {
            @Override
            protected TrustManager[] getTrustManagers(KeyStore trustStore, Collection<? extends CRL> crls) {
                return new TrustManager[] {trustManager};
            }
        };
        factory.setKeyStore(keyStore);
        factory.setKeyStorePassword(new String(settings.keyStorePassword()));
        factory.setKeyManagerPassword(new String(settings.keyStorePassword()));
        factory.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        // Jetty already drops MD5/SHA1 suites; these make the "no export-grade or DES" rule explicit.
        factory.addExcludeCipherSuites(".*_EXPORT_.*", ".*_DES_.*", ".*_3DES_.*", ".*_DES40_.*", ".*_RC4_.*",
                ".*_NULL_.*", ".*_anon_.*");
        factory.setWantClientAuth(true);
        factory.setNeedClientAuth(false);
        factory.setRenegotiationAllowed(false);
        factory.setEndpointIdentificationAlgorithm(null);
        return factory;
    }

    /**
     * The certificates of the host key store, read through the same once-per-process load as the
     * listeners (e.g. the cloud's own client pins them when it calls pdisk).
     */
    public static java.util.Set<java.security.cert.X509Certificate> hostCertificates(Path keyStore, char[] password) {
        return HostKeyStore.certificates(keyStore, password);
    }

    /**
     * An HTTP configuration for the TLS connector: HTTPS scheme and the {@link SecureRequestCustomizer}
     * that publishes the client chain to {@code CertificateAuthHandler}. SNI host checking is off
     * because clients reach the service by names (or addresses) the self-signed certificate does not carry.
     */
    public static HttpConfiguration httpsConfiguration() {
        HttpConfiguration config = new HttpConfiguration();
        config.setSecureScheme("https");
        config.setSendServerVersion(false);
        config.addCustomizer(new SecureRequestCustomizer(false));
        return config;
    }
}
