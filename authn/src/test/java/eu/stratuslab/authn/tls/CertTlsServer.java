package eu.stratuslab.authn.tls;

import eu.stratuslab.authn.AuthenticatedUser;
import eu.stratuslab.authn.JaasAuthenticator;
import eu.stratuslab.authn.LoginConfiguration;
import eu.stratuslab.authn.cert.CertificateAuthHandler;
import eu.stratuslab.authn.testca.SharedTrust;
import eu.stratuslab.authn.testca.TestCa;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.TreeSet;

/**
 * A real Jetty 12 HTTPS server for tests: {@link ServerTls} connector on a free loopback port,
 * {@link CertificateAuthHandler} backed by the real JAAS stack ({@code stratuslab-cert} entry with the
 * certificate-file module) and VOMS, wrapping a handler that echoes the authenticated user.
 * GET answers {@code identity \n account name \n sorted roles}; POST answers an XML-RPC response
 * whose string value is the identity.
 */
final class CertTlsServer implements AutoCloseable {

    static final String PASSWORD = "changeit";
    /** Valid certificate, listed in the certificate file with a role other than cloud-access. */
    static final String NO_ROLE_DN = "CN=No Role, OU=LAL, O=CNRS, C=FR";

    final TestCa ca;
    private final SharedTrust trust;
    final Server server;
    final int port;
    final Path keyStore;
    final X509Certificate serverCertificate;

    CertTlsServer(Path workDir) throws Exception {
        trust = SharedTrust.anchorsAndVoms().open();
        ca = trust.ca();
        Path certFile = workDir.resolve("login-cert.properties");
        Files.writeString(certFile, String.join("\n",
                "# test users: every bad credential is listed, so refusals come from certificate validation",
                "\"CN=Jane Tester, OU=LAL, O=CNRS, C=FR\" cloud-access",
                "\"EMAILADDRESS=jane@example.org, CN=Jane Tester, OU=LAL, O=CNRS, C=FR\" cloud-access",
                "\"CN=Jean+UID=jd,OU=Ops\\, Inc,DC=example,DC=org\" cloud-access",
                "\"CN=Old Timer, OU=LAL, O=CNRS, C=FR\" cloud-access",
                "\"CN=Early Bird, OU=LAL, O=CNRS, C=FR\" cloud-access",
                "\"CN=Revoked Person, OU=LAL, O=CNRS, C=FR\" cloud-access",
                "\"CN=Eve Outsider, O=Other, C=US\" cloud-access",
                "\"CN=Mallory, O=Elsewhere, C=XX\" cloud-access",
                "\"" + NO_ROLE_DN + "\" other",
                "\"vo:" + TestCa.VO + "\" cloud-access",
                ""), StandardCharsets.UTF_8);
        Path loginConf = workDir.resolve("login.conf");
        Files.writeString(loginConf, "stratuslab-cert {\n  eu.stratuslab.authn.CertLoginModule sufficient\n    file=\""
                + certFile + "\";\n};\n", StandardCharsets.UTF_8);
        JaasAuthenticator authenticator = new JaasAuthenticator(LoginConfiguration.load(loginConf), "stratuslab-cert");

        keyStore = workDir.resolve("tls").resolve("host.p12");
        SslContextFactory.Server ssl = ServerTls.create(new TlsSettings(keyStore, PASSWORD.toCharArray(), ca.caDir(), "localhost"));

        server = new Server();
        ServerConnector connector = new ServerConnector(server, ssl, new HttpConnectionFactory(ServerTls.httpsConfiguration()));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        CertificateAuthHandler auth = new CertificateAuthHandler(trust.trustAnchors(), authenticator, trust.voms(), "cloud-access");
        auth.setHandler(new EchoUserHandler());
        server.setHandler(auth);
        server.start();
        port = connector.getLocalPort();
        serverCertificate = (X509Certificate) KeyStore.getInstance(keyStore.toFile(), PASSWORD.toCharArray())
                .getCertificate("stratuslab-host");
    }

    /** A GET by Java's own client presenting {@code credential}, trusting only this server's certificate. */
    HttpResponse<String> get(TestCa.Credential credential, String protocol) throws Exception {
        return JavaClients.get(port, credential, serverCertificate, protocol);
    }

    @Override
    public void close() throws Exception {
        server.stop();
        trust.close();
    }

    /** Echoes the {@link AuthenticatedUser} published by the authentication handler. */
    static final class EchoUserHandler extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            AuthenticatedUser user = (AuthenticatedUser) request.getAttribute(AuthenticatedUser.REQUEST_ATTRIBUTE);
            if (user == null) {
                Response.writeError(request, response, callback, 500, "no authenticated user");
                return true;
            }
            String body;
            if ("POST".equals(request.getMethod())) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml");
                body = "<?xml version=\"1.0\"?><methodResponse><params><param><value><string>"
                        + user.identity().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                        + "</string></value></param></params></methodResponse>";
            } else {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
                body = user.identity() + "\n" + user.accountName() + "\n" + String.join(",", new TreeSet<>(user.roles()));
            }
            Content.Sink.write(response, true, body, callback);
            return true;
        }
    }
}
