package eu.stratuslab.infra.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A TLS client that does not check the server's certificate, for the places that must talk to a
 * site's own self-signed service as the original did (pdisk-api.md §11.1: the node tools did no
 * verification) and for tests of servers whose certificate is generated at start. The manager is an
 * {@link X509ExtendedTrustManager}, so the JDK adds no host name check either. Never use it where
 * the spec asks for verification.
 */
public final class UncheckedServerTls {
    private UncheckedServerTls() {
    }

    /** An SSL context that presents no client certificate and trusts any server. */
    public static SSLContext context() {
        return context(new KeyManager[0]);
    }

    /** An SSL context that presents {@code keys} (client certificates) and trusts any server. */
    public static SSLContext context(KeyManager[] keys) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keys, new TrustManager[] {new AnyServer()}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
    }

    private static final class AnyServer extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
