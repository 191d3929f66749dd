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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    /** The three probes run at once: each waits mostly on a cold TLS handshake (issue 14 item 10). */
    void awaitReady(Map<String, String> endpoints) throws Exception {
        SSLContext trustLocal = trustAnyCertificate();
        List<Callable<Void>> probes = List.of(
                () -> expectSuccess("rpc2", new XmlRpcClient(URI.create(endpoints.get("rpc2")))
                        .call("one.userpool.info", "oneadmin:" + credentials.password("oneadmin"))),
                // the caller's own account: authentication, dispatch and the core, at a cost that does not
                // grow with the pool (a listing of the probe user's VMs was tens of megabytes on a large cloud)
                () -> expectSuccess("one-proxy", new XmlRpcClient(URI.create(endpoints.get("one-proxy")))
                        .withSslContext(trustLocal).withBasicAuth(demoUser, credentials.password(demoUser))
                        .call("one.user.info", "ignored", -1)),
                () -> probePdisk(URI.create(endpoints.get("pdisk") + "/pswd/disks/"), trustLocal));
        ExecutorService threads = Executors.newFixedThreadPool(probes.size(), r -> {
            Thread t = new Thread(r, "readiness-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Future<Void> probe : threads.invokeAll(probes)) {
                try {
                    probe.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private Void probePdisk(URI disks, SSLContext trustLocal) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(trustLocal).connectTimeout(Duration.ofSeconds(10)).build();
        String basic = java.util.Base64.getEncoder().encodeToString(
                (demoUser + ":" + credentials.password(demoUser)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(disks)
                .header("Authorization", "Basic " + basic).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("pdisk answered HTTP " + r.statusCode());
        }
        return null;
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

    private static Void expectSuccess(String name, Object response) {
        if (!(response instanceof List<?> l) || l.size() != 3 || !Boolean.TRUE.equals(l.get(0))) {
            throw new IllegalStateException(name + " is not serving: " + response);
        }
        return null;
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
