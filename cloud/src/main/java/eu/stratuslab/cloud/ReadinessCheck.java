package eu.stratuslab.cloud;

import eu.stratuslab.xmlrpc.XmlRpcClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Proves that every endpoint serves real requests before READY is printed: an authenticated
 * XML-RPC call on {@code /RPC2} and on the one-proxy, and an authenticated pdisk listing.
 */
final class ReadinessCheck {
    private final Credentials credentials;
    private final String demoUser;

    ReadinessCheck(Credentials credentials, String demoUser) {
        this.credentials = credentials;
        this.demoUser = demoUser;
    }

    void awaitReady(Map<String, String> endpoints) throws Exception {
        SSLContext trustLocal = trustAnyCertificate();
        XmlRpcClient rpc2 = new XmlRpcClient(URI.create(endpoints.get("rpc2")));
        expectSuccess("rpc2", rpc2.call("one.userpool.info", "oneadmin:" + credentials.password("oneadmin")));
        XmlRpcClient proxy = new XmlRpcClient(URI.create(endpoints.get("one-proxy")))
                .withSslContext(trustLocal).withBasicAuth(demoUser, credentials.password(demoUser));
        // the caller's own account: authentication, dispatch and the core, at a cost that does not
        // grow with the pool (a listing of the probe user's VMs was tens of megabytes on a large cloud)
        expectSuccess("one-proxy", proxy.call("one.user.info", "ignored", -1));

        HttpClient http = HttpClient.newBuilder().sslContext(trustLocal).connectTimeout(Duration.ofSeconds(10)).build();
        String basic = java.util.Base64.getEncoder().encodeToString(
                (demoUser + ":" + credentials.password(demoUser)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(endpoints.get("pdisk") + "/pswd/disks/"))
                .header("Authorization", "Basic " + basic).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("pdisk answered HTTP " + r.statusCode());
        }
    }

    /**
     * Forward mode: the one-proxy authenticates and answers without the external oned, which may
     * start later. {@code system.multicall} is the one call answered locally (fault -506).
     */
    void awaitForwarding(Map<String, String> endpoints) throws Exception {
        XmlRpcClient proxy = new XmlRpcClient(URI.create(endpoints.get("one-proxy")))
                .withSslContext(trustAnyCertificate()).withBasicAuth(demoUser, credentials.password(demoUser));
        try {
            proxy.call("system.multicall", "ignored", List.of());
            throw new IllegalStateException("one-proxy forwarded system.multicall");
        } catch (eu.stratuslab.xmlrpc.XmlRpcFault fault) {
            if (fault.code() != eu.stratuslab.xmlrpc.XmlRpcFault.UNKNOWN_METHOD) {
                throw new IllegalStateException("one-proxy is not serving: " + fault);
            }
        }
    }

    private static void expectSuccess(String name, Object response) {
        if (!(response instanceof List<?> l) || l.size() != 3 || !Boolean.TRUE.equals(l.get(0))) {
            throw new IllegalStateException(name + " is not serving: " + response);
        }
    }

    /** Only for this self-check against our own freshly generated certificate on loopback. */
    static SSLContext trustAnyCertificate() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        // An X509ExtendedTrustManager, so that JSSE adds no host name check of its own.
        ctx.init(null, new TrustManager[] {new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket s) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket s) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        return ctx;
    }
}
