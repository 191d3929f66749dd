package eu.stratuslab.authn.testca;

import eu.stratuslab.infra.tls.UncheckedServerTls;
import java.net.http.HttpClient;
import java.time.Duration;
import javax.net.ssl.KeyManager;

/**
 * JDK HTTPS clients for other modules' tests: they present one {@link TestCa.Credential} (an EEC or
 * a proxy chain, whatever CA names the server advertises) and accept the server's certificate
 * unchecked, because servers under test use a certificate generated at start and the tests are
 * about client certificates.
 */
public final class ClientCertificateHttp {

    private ClientCertificateHttp() {
    }

    /** @param credential null: no client certificate */
    public static HttpClient client(TestCa.Credential credential) throws Exception {
        KeyManager[] keys = credential == null ? new KeyManager[0] : new KeyManager[] {new FixedKeyManager(credential)};
        return HttpClient.newBuilder().sslContext(UncheckedServerTls.context(keys)).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }
}
