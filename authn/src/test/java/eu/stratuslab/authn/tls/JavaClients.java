package eu.stratuslab.authn.tls;

import eu.stratuslab.authn.testca.FixedKeyManager;
import eu.stratuslab.authn.testca.TestCa.Credential;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;

/** JDK HTTPS clients presenting a given credential (or none) and trusting only the test server's certificate. */
final class JavaClients {

    private JavaClients() {
    }

    static HttpResponse<String> get(int port, Credential credential, X509Certificate serverCert, String protocol)
            throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        KeyManager[] keyManagers = credential == null ? new KeyManager[0] : new KeyManager[] {new FixedKeyManager(credential)};
        ctx.init(keyManagers, trusting(serverCert), null);
        SSLParameters params = new SSLParameters();
        params.setProtocols(new String[] {protocol});
        HttpClient client = HttpClient.newBuilder().sslContext(ctx).sslParameters(params)
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/cert/echo"))
                .timeout(Duration.ofSeconds(30)).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static javax.net.ssl.TrustManager[] trusting(X509Certificate serverCert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", serverCert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf.getTrustManagers();
    }
}
