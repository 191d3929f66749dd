package eu.stratuslab.probes;

import eu.stratuslab.infra.tls.UncheckedServerTls;
import java.net.URI;
import javax.net.ssl.SSLContext;

/**
 * TLS for the probes' clients: the cloud under test generated a self-signed certificate at its
 * first start, and the probes only ever talk to loopback (checked), so the certificate is not
 * verified. Never use this context for anything but the cloud the probes started.
 */
final class Loopback {
    private Loopback() {
    }

    static URI requireLoopback(URI uri) {
        String host = uri.getHost();
        if (!"127.0.0.1".equals(host) && !"localhost".equals(host) && !"[::1]".equals(host)) {
            throw new IllegalArgumentException("the probes talk to loopback only, not " + uri);
        }
        return uri;
    }

    static SSLContext trustingSslContext() {
        return UncheckedServerTls.context();
    }

    static {
        // the JDK HttpClient checks the host name even with a trusting context; the cloud's
        // certificate names "localhost" and the endpoints say 127.0.0.1
        System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
    }
}
