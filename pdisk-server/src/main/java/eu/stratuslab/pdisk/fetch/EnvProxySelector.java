package eu.stratuslab.pdisk.fetch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Honours {@code http_proxy}, {@code https_proxy} and {@code no_proxy} as the original's urllib did. */
final class EnvProxySelector extends ProxySelector {

    private final URI httpProxy;
    private final URI httpsProxy;
    private final List<String> noProxy;

    private EnvProxySelector(URI httpProxy, URI httpsProxy, List<String> noProxy) {
        this.httpProxy = httpProxy;
        this.httpsProxy = httpsProxy;
        this.noProxy = noProxy;
    }

    static EnvProxySelector fromEnvironment() {
        return new EnvProxySelector(uri(env("http_proxy")), uri(env("https_proxy")),
                Arrays.stream(env("no_proxy").split(",")).map(String::strip).filter(s -> !s.isEmpty())
                        .map(s -> s.toLowerCase(Locale.ROOT)).toList());
    }

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null) {
            v = System.getenv(name.toUpperCase(Locale.ROOT));
        }
        return v == null ? "" : v.strip();
    }

    private static URI uri(String v) {
        if (v.isEmpty()) {
            return null;
        }
        return URI.create(v.contains("://") ? v : "http://" + v);
    }

    @Override
    public List<Proxy> select(URI uri) {
        URI proxy = "https".equalsIgnoreCase(uri.getScheme()) ? httpsProxy : httpProxy;
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (proxy == null || bypassed(host)) {
            return List.of(Proxy.NO_PROXY);
        }
        int port = proxy.getPort() > 0 ? proxy.getPort() : 80;
        return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.getHost(), port)));
    }

    /** Whether {@code host} is one of the configured proxies (the site's own, never an import target). */
    boolean isProxyHost(String host) {
        return (httpProxy != null && host.equalsIgnoreCase(httpProxy.getHost()))
                || (httpsProxy != null && host.equalsIgnoreCase(httpsProxy.getHost()));
    }

    private boolean bypassed(String host) {
        for (String entry : noProxy) {
            String suffix = entry.startsWith(".") ? entry : "." + entry;
            if (entry.equals("*") || host.equals(entry) || host.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // nothing to remember: the fetcher resumes by itself
    }
}
