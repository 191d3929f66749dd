package eu.stratuslab.infra.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The trust manager of a TLS client: one check for the server's chain, whichever of the JDK's three
 * entry points calls it, and every client certificate refused (the context never serves). Being an
 * {@link X509ExtendedTrustManager}, it gets no host name check added by the JDK: a subclass that
 * wants one delegates to a JDK manager with the socket or engine it is given.
 */
public abstract class ClientSideTrustManager extends X509ExtendedTrustManager {
    private final String clientRefusal;

    /** @param clientRefusal the message of the exception a client certificate check throws */
    protected ClientSideTrustManager(String clientRefusal) {
        this.clientRefusal = clientRefusal;
    }

    /**
     * Checks the server's chain; {@code socket} or {@code engine} is the connection when the JDK
     * passed one (at most one of them is not null).
     */
    protected abstract void checkServer(X509Certificate[] chain, String authType, Socket socket, SSLEngine engine)
            throws CertificateException;

    /** Calls the entry point of {@code tm} that matches the connection ({@link #checkServer}'s arguments). */
    protected static void checkServerWith(X509ExtendedTrustManager tm, X509Certificate[] chain, String authType,
            Socket socket, SSLEngine engine) throws CertificateException {
        if (socket != null) {
            tm.checkServerTrusted(chain, authType, socket);
        } else if (engine != null) {
            tm.checkServerTrusted(chain, authType, engine);
        } else {
            tm.checkServerTrusted(chain, authType);
        }
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServer(chain, authType, socket, null);
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServer(chain, authType, null, engine);
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkServer(chain, authType, null, null);
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException(clientRefusal);
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException(clientRefusal);
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException(clientRefusal);
    }
}
