package eu.stratuslab.authn.tls;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;

/**
 * Server-side trust manager that lets every client chain through the handshake, including proxy
 * chains the JDK's PKIX validator would reject. The handshake still proves that the client holds
 * the private key of the leaf certificate; whether the chain is trusted (CA, CRL, namespaces,
 * validity, proxy rules) is decided afterwards by {@code CertificateAuthHandler} through
 * {@code TrustAnchors}, which answers 403 with a logged reason. Deferring the decision keeps
 * password users working on shared connectors even when their browser or client presents a stale
 * certificate (authn.md §8.1: client certificates are requested, not required).
 */
final class ProxyChainTrustManager extends X509ExtendedTrustManager {

    private final Supplier<X509Certificate[]> advertisedIssuers;

    ProxyChainTrustManager(Supplier<X509Certificate[]> advertisedIssuers) {
        this.advertisedIssuers = advertisedIssuers;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("empty client certificate chain");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager only serves the server side of TLS");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    /** CA names sent in the certificate request, so that browsers offer grid certificates first. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return advertisedIssuers.get();
    }
}
