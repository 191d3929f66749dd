package eu.stratuslab.authn.tls;

import eu.stratuslab.authn.testca.TestCa.Credential;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
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

    /** Always presents one credential, whatever CA names the server advertises (proxies are not CA-issued). */
    static final class FixedKeyManager extends X509ExtendedKeyManager {
        private static final String ALIAS = "client";
        private final Credential credential;

        FixedKeyManager(Credential credential) {
            this.credential = credential;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return ALIAS;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return ALIAS;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return credential.chain().clone();
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return credential.key();
        }
    }
}
