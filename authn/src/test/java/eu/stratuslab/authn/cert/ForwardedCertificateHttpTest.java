package eu.stratuslab.authn.cert;

import eu.stratuslab.authn.AuthenticatedUser;
import eu.stratuslab.authn.Authenticator;
import eu.stratuslab.authn.testca.SharedTrust;
import eu.stratuslab.authn.testca.TestCa;
import eu.stratuslab.infra.http.HttpEndpoint;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.Assert.assertEquals;

/**
 * A plain-HTTP back end behind a TLS-terminating reverse proxy (authn.md §8.4): the forwarded
 * certificate is believed from loopback peers only, and the usual role rules still apply.
 */
public class ForwardedCertificateHttpTest {

    @ClassRule
    public static final SharedTrust PKI = SharedTrust.anchors();

    private static HttpEndpoint server;
    private static CertificateAuthHandler auth;
    private static int port;

    /** Test seam for the JAAS stack: Jane has cloud-access, nobody else is known. */
    private static final Authenticator JANE_ONLY = new Authenticator() {
        @Override
        public Optional<AuthenticatedUser> authenticateWithPassword(String user, char[] password) {
            return Optional.empty();
        }

        @Override
        public Optional<AuthenticatedUser> authenticateWithCertificate(String dn, X509Certificate[] chain) {
            return "CN=Jane Tester,OU=LAL,O=CNRS,C=FR".equals(dn)
                    ? Optional.of(new AuthenticatedUser(dn, Set.of("cloud-access"))) : Optional.empty();
        }
    };

    @BeforeClass
    public static void start() throws Exception {
        server = HttpEndpoint.builder("forwarded-certificate-test").build();
        auth = new CertificateAuthHandler(PKI.trustAnchors(), JANE_ONLY, null, "cloud-access");
        auth.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                AuthenticatedUser u = (AuthenticatedUser) request.getAttribute(AuthenticatedUser.REQUEST_ATTRIBUTE);
                Content.Sink.write(response, true, u.identity(), callback);
                return true;
            }
        });
        server.setHandler(auth);
        server.start();
        port = server.connector().getLocalPort();
    }

    @AfterClass
    public static void stop() throws Exception {
        auth.setTrustedProxies(CertificateAuthHandler.DEFAULT_TRUSTED_PROXIES);
        server.stop();
    }

    @Test
    public void loopbackProxyForwardsALoneProxyCertificate() throws Exception {
        HttpResponse<String> r = get(escapedPem(PKI.ca().rfcProxy.leaf()));
        assertEquals(200, r.statusCode());
        assertEquals("CN=Jane Tester,OU=LAL,O=CNRS,C=FR", r.body());
    }

    @Test
    public void forwardedUserStillNeedsAModuleAndTheRole() throws Exception {
        assertEquals(403, get(escapedPem(PKI.ca().emailUser.leaf())).statusCode());
        assertEquals(403, get("not a certificate").statusCode());
        assertEquals(403, get(null).statusCode());
    }

    @Test
    public void headerFromAnUntrustedPeerIsIgnored() throws Exception {
        auth.setTrustedProxies(List.of("192.0.2.7"));
        try {
            assertEquals(403, get(escapedPem(PKI.ca().user.leaf())).statusCode());
        } finally {
            auth.setTrustedProxies(CertificateAuthHandler.DEFAULT_TRUSTED_PROXIES);
        }
        assertEquals(200, get(escapedPem(PKI.ca().user.leaf())).statusCode());
    }

    @Test(expected = IllegalArgumentException.class)
    public void trustedProxiesMustBeAddresses() {
        auth.setTrustedProxies(List.of("proxy.example.org"));
    }

    private static String escapedPem(X509Certificate cert) {
        return URLEncoder.encode(TestCa.pem(cert), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static HttpResponse<String> get(String header) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cert/xmlrpc"))
                .timeout(Duration.ofSeconds(30));
        if (header != null) {
            b.header("X-Client-Certificate", header);
        }
        return HttpClient.newHttpClient().send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
