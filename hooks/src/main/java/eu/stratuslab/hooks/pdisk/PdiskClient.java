package eu.stratuslab.hooks.pdisk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * The pdisk REST API as the hooks use it (hooks.md §1.2): as the pdisk superuser, over the
 * password path {@code <endpoint>/pswd/disks/...}, JSON answers. Errors become {@link PdiskException}
 * carrying pdisk's message, which is what the VM's TEMPLATE/ERROR/MESSAGE must show.
 */
public final class PdiskClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String authorization;
    private final HttpClient http;
    private final Duration timeout;
    private final Duration longTimeout;

    /**
     * @param endpoint    internal pdisk endpoint, e.g. {@code https://127.0.0.1:8445/pdisk}
     * @param ssl         trust for the pdisk certificate (the cloud's own), null for plain HTTP
     * @param timeout     deadline of ordinary calls
     * @param longTimeout deadline of calls that move data (create from a URL, rebase)
     */
    public PdiskClient(URI endpoint, String user, char[] password, SSLContext ssl, Duration timeout,
                       Duration longTimeout) {
        String e = endpoint.toString();
        this.endpoint = URI.create(e.endsWith("/") ? e.substring(0, e.length() - 1) : e);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + new String(password)).getBytes(StandardCharsets.UTF_8));
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (ssl != null) {
            b.sslContext(ssl);
        }
        this.http = b.build();
        this.timeout = timeout;
        this.longTimeout = longTimeout;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The volume's internal URI for registration files (hooks.md §3.2 step 8, pdisk-api.md §9). */
    public String volumeUri(String uuid) {
        return endpoint + "/" + uuid;
    }

    /** Every disk the superuser sees, newest first. */
    public List<PdiskVolume> list() throws IOException {
        JsonNode array = call("GET", "/disks/", null, timeout);
        List<PdiskVolume> out = new ArrayList<>();
        array.forEach(n -> out.add(PdiskVolume.of(n)));
        return out;
    }

    /** @return the disk, or null when pdisk does not know it (404) */
    public PdiskVolume find(String uuid) throws IOException {
        try {
            return PdiskVolume.of(call("GET", "/disks/" + uuid, null, timeout));
        } catch (PdiskException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** {@code POST /disks/}: creates (and, with {@code url}, fills and checks) a disk; returns its uuid. */
    public String create(Map<String, String> form) throws IOException {
        return call("POST", "/disks/", form, longTimeout).get("uuid").asText();
    }

    /** {@code POST /disks/<uuid>}: copy-on-write snapshot of an origin, or rebase of a live snapshot. */
    public PdiskVolume copyOrRebase(String uuid) throws IOException {
        return PdiskVolume.of(call("POST", "/disks/" + uuid, Map.of(), longTimeout));
    }

    public void update(String uuid, Map<String, String> form) throws IOException {
        call("PUT", "/disks/" + uuid, form, timeout);
    }

    public void delete(String uuid) throws IOException {
        call("DELETE", "/disks/" + uuid, null, timeout);
    }

    public String turl(String uuid) throws IOException {
        return call("GET", "/disks/" + uuid + "/turl", null, timeout).get("turl").asText();
    }

    /**
     * {@code GET /disks/<uuid>} as {@code application/x-gzip} (pdisk-api.md §5.4): the volume's raw
     * bytes, gzip-compressed by pdisk while it streams. The caller closes the stream.
     */
    public java.io.InputStream downloadGzip(String uuid) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/pswd/disks/" + uuid)).timeout(longTimeout)
                .header("Authorization", authorization).header("Accept", "application/x-gzip").GET().build();
        HttpResponse<java.io.InputStream> resp = send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (resp.statusCode() >= 400) {
            String body;
            try (java.io.InputStream in = resp.body()) {
                body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            }
            throw new PdiskException(resp.statusCode(), errorMessage(resp.statusCode(), body));
        }
        return resp.body();
    }

    /** Records a {@code static} mount of the volume for the VM (the node tool's {@code --register}). */
    public void register(String uuid, String node, int vmId) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("node", node);
        form.put("vm_id", Integer.toString(vmId));
        form.put("register_only", "true");
        call("POST", "/disks/" + uuid + "/mounts/", form, timeout);
    }

    /** Removes the mount record {@code <uuid>_<vmid>}; a mount that is already gone is fine. */
    public void unregister(String uuid, int vmId) throws IOException {
        try {
            call("DELETE", "/disks/" + uuid + "/mounts/" + uuid + "_" + vmId + "?metadata_only=true", null, timeout);
        } catch (PdiskException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    /** The mounts of a volume (each a JSON object). */
    public List<JsonNode> mounts(String uuid) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        call("GET", "/disks/" + uuid + "/mounts/", null, timeout).forEach(out::add);
        return out;
    }

    /** The request's deadline passed; {@link #call} says which request it was. */
    private static final class TimedOut extends IOException {
        TimedOut(String message, java.net.http.HttpTimeoutException cause) {
            super(message, cause);
        }
    }

    /**
     * Sends {@code request}; a failure to reach pdisk (a timeout included, as {@link TimedOut}) is an
     * IOException that names the endpoint.
     */
    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException {
        try {
            return http.send(request, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling pdisk", e);
        } catch (IOException e) {
            String message = "cannot reach pdisk at " + endpoint + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            throw e instanceof java.net.http.HttpTimeoutException t ? new TimedOut(message, t) : new IOException(message, e);
        }
    }

    private JsonNode call(String method, String path, Map<String, String> form, Duration deadline) throws IOException {
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(endpoint + "/pswd" + path)).timeout(deadline)
                .header("Authorization", authorization).header("Accept", "application/json");
        if (form == null) {
            rb.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            rb.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(encode(form)));
        }
        HttpResponse<String> resp;
        try {
            resp = send(rb.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (TimedOut e) {
            throw new IOException("pdisk did not answer " + method + " " + path + " within " + deadline.toSeconds()
                    + " s", e.getCause());
        }
        String body = resp.body();
        if (resp.statusCode() >= 400) {
            throw new PdiskException(resp.statusCode(), errorMessage(resp.statusCode(), body));
        }
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IOException("pdisk answered " + method + " " + path + " with something that is not JSON", e);
        }
    }

    /** pdisk's JSON error {@code {"message": ..., "code": ...}}, or its text body. */
    static String errorMessage(int status, String body) {
        if (body != null) {
            try {
                JsonNode n = JSON.readTree(body);
                if (n != null && n.hasNonNull("message")) {
                    return n.get("message").asText();
                }
            } catch (IOException e) {
                // not JSON: the text itself
            }
            String t = body.strip();
            if (t.startsWith("ERROR (")) {
                int close = t.indexOf("): ");
                if (close > 0) {
                    t = t.substring(close + 3);
                }
            }
            if (!t.isEmpty()) {
                return t;
            }
        }
        return "pdisk answered HTTP " + status;
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
