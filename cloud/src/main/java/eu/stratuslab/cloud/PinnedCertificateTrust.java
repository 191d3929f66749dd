package eu.stratuslab.cloud;

import eu.stratuslab.infra.tls.ClientSideTrustManager;
import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS trust for the cloud's calls to its own services (the hooks calling pdisk): exactly the
 * certificates of the cloud's key store are trusted, whatever name or address they are reached by
 * (the generated certificate names {@code localhost}; hooks use the configured IP).
 */
final class PinnedCertificateTrust {
    private PinnedCertificateTrust() {
    }

    static SSLContext of(Path keyStore, char[] password) throws Exception {
        Set<X509Certificate> pinned = eu.stratuslab.authn.tls.ServerTls.hostCertificates(keyStore, password);
        X509ExtendedTrustManager tm = new ClientSideTrustManager("client side only") {
            @Override
            protected void checkServer(X509Certificate[] chain, String authType, Socket socket, SSLEngine engine)
                    throws CertificateException {
                if (chain == null || chain.length == 0 || !pinned.contains(chain[0])) {
                    throw new CertificateException("not the cloud's own certificate");
                }
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return pinned.toArray(X509Certificate[]::new);
            }
        };
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {tm}, null);
        return ctx;
    }
}
