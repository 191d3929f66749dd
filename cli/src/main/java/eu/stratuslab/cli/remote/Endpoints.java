package eu.stratuslab.cli.remote;

import java.net.URI;

/** The URL rules of legacy-cli.md §3.1–§3.3 (and the pdisk fallback of §9). */
public final class Endpoints {
    public static final String DEFAULT_MARKETPLACE = "https://marketplace.stratuslab.eu";
    public static final int PROXY_PORT = 2634;
    public static final int RPC2_PORT = 2633;

    private Endpoints() {
    }

    /**
     * The XML-RPC URL for {@code endpoint} (§3.1): a full URL gets {@code /pswd} or {@code /cert}
     * inserted before its last path segment; a bare host becomes
     * {@code https://<host>:2634/{pswd|cert}/xmlrpc}; exactly {@code localhost} or {@code 127.0.0.1}
     * is the direct {@code http://localhost:2633/RPC2}.
     */
    public static URI cloud(String endpoint, boolean passwordMode) {
        String e = endpoint.strip();
        String mode = passwordMode ? "pswd" : "cert";
        if (e.equals("localhost") || e.equals("127.0.0.1")) {
            return URI.create("http://localhost:" + RPC2_PORT + "/RPC2");
        }
        if (!e.contains("://")) {
            String hostPort = e.contains(":") ? e : e + ":" + PROXY_PORT;
            return URI.create("https://" + hostPort + "/" + mode + "/xmlrpc");
        }
        URI uri = URI.create(e);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        int slash = path.lastIndexOf('/');
        String inserted = slash < 0 ? "/" + mode + "/" + path : path.substring(0, slash) + "/" + mode + path.substring(slash);
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + inserted
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /**
     * The pdisk base URL ending in {@code /pswd} or {@code /cert} (§3.2). Without a configured pdisk
     * endpoint it falls back to {@code <scheme>://<host>/pdisk} of a full cloud URL (§9: the legacy
     * client used the XML-RPC URL itself), or to the bare host.
     */
    public static String pdisk(String pdiskEndpoint, String cloudEndpoint, String protocol, int port, boolean passwordMode) {
        String e = pdiskEndpoint;
        if (e == null || e.isBlank()) {
            if (cloudEndpoint == null || cloudEndpoint.isBlank()) {
                throw new IllegalArgumentException("no pdisk endpoint: set pdisk_endpoint (or --pdisk-endpoint)");
            }
            String cloud = cloudEndpoint.strip();
            if (cloud.contains("://")) {
                URI uri = URI.create(cloud);
                e = uri.getScheme() + "://" + uri.getHost() + "/pdisk";
            } else {
                e = cloud.equals("localhost") ? "127.0.0.1" : cloud;
            }
        }
        e = e.strip();
        if (!e.contains("://")) {
            e = (protocol == null || protocol.isBlank() ? "https" : protocol) + "://" + e + (e.contains(":") ? "" : ":" + port);
        }
        while (e.endsWith("/")) {
            e = e.substring(0, e.length() - 1);
        }
        return e + (passwordMode ? "/pswd" : "/cert");
    }

    /**
     * The DISK source prefix of a pdisk volume (template.md §2): {@code pdisk:<pdisk endpoint as
     * configured>/<uuid>}, without the {@code /pswd} suffix.
     */
    public static String pdiskSource(String pdiskBase, String uuid) {
        String base = pdiskBase;
        if (base.endsWith("/pswd") || base.endsWith("/cert")) {
            base = base.substring(0, base.length() - 5);
        }
        return "pdisk:" + base + "/" + uuid;
    }

    /**
     * The marketplace base URL (§3.3): trailing slashes removed; a bare host gets {@code https://}
     * (the legacy client's {@code https://<host>:80} sent TLS to the plain-HTTP port).
     */
    public static URI marketplace(String endpoint) {
        String e = endpoint == null || endpoint.isBlank() ? DEFAULT_MARKETPLACE : endpoint.strip();
        if (!e.contains("://")) {
            e = "https://" + e;
        }
        while (e.endsWith("/")) {
            e = e.substring(0, e.length() - 1);
        }
        return URI.create(e);
    }
}
