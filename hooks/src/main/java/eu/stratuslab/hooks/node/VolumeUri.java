package eu.stratuslab.hooks.node;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A pdisk volume URI as the node tool reads it (pdisk-api.md §9, §11.1): the volume is the last path
 * element; the endpoint is {@code https://<netloc><path without the uuid>} whatever scheme the URI had
 * (the original forced https; port 443 when none is given). The legacy form
 * {@code pdisk:<host>:<port>:<uuid>} has no path: its endpoint is {@code https://<host>:<port>}.
 *
 * @param text     the URI as given (what the registration file records)
 * @param endpoint the pdisk endpoint, without a trailing slash
 * @param uuid     the volume
 */
public record VolumeUri(String text, URI endpoint, String uuid) {

    public static VolumeUri parse(String text) {
        String s = text == null ? "" : text.strip();
        String rest = s.startsWith("pdisk:") ? s.substring("pdisk:".length()) : s;
        if (rest.startsWith("//") || rest.contains("://")) {
            URI u;
            try {
                u = new URI(rest.startsWith("//") ? "https:" + rest : rest);
            } catch (URISyntaxException e) {
                throw invalid(text);
            }
            String path = u.getRawPath() == null ? "" : u.getRawPath();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            int slash = path.lastIndexOf('/');
            if (u.getHost() == null || slash < 0 || slash == path.length() - 1) {
                throw invalid(text);
            }
            String authority = u.getHost().contains(":") && !u.getHost().startsWith("[")
                    ? "[" + u.getHost() + "]" : u.getHost();
            if (u.getPort() > 0) {
                authority += ":" + u.getPort();
            }
            return new VolumeUri(s, URI.create("https://" + authority + path.substring(0, slash)),
                    path.substring(slash + 1));
        }
        // legacy pdisk:<host>:<port>:<uuid>
        String[] parts = rest.split(":");
        if (!s.startsWith("pdisk:") || parts.length != 3 || parts[0].isEmpty() || !parts[1].matches("\\d{1,5}")
                || parts[2].isEmpty()) {
            throw invalid(text);
        }
        return new VolumeUri(s, URI.create("https://" + parts[0] + ":" + parts[1]), parts[2]);
    }

    /** The pdisk host (for the default iSCSI TURL of pdisk-api.md §11.1). */
    public String host() {
        return endpoint.getHost();
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("URI " + text + " is not a pdisk volume URI (pdisk:<endpoint>/<uuid>, "
                + "pdisk://<host>/<path>/<uuid>, https://<host>/<path>/<uuid> or pdisk:<host>:<port>:<uuid>)");
    }
}
