package eu.stratuslab.authn.cert;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;

import java.security.cert.X509Certificate;

/** Reads the TLS client certificate chain of a Jetty 12 request. */
final class ClientCertificates {

    private ClientCertificates() {
    }

    /**
     * The chain the client presented (leaf first), or null. Uses the attribute that Jetty's
     * {@code SecureRequestCustomizer} sets, and falls back to the connection's TLS end point so that
     * a connector configured without the customizer still works.
     */
    static X509Certificate[] of(Request request) {
        if (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData data) {
            return data.peerCertificates();
        }
        Connection connection = request.getConnectionMetaData().getConnection();
        EndPoint.SslSessionData data = connection == null ? null : connection.getEndPoint().getSslSessionData();
        return data == null ? null : data.peerCertificates();
    }
}
