package eu.stratuslab.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.stratuslab.cli.CliException;
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
import javax.net.ssl.SSLException;

/**
 * The persistent-disk REST service as the volume commands use it (legacy-cli.md §3.2, pdisk-api.md
 * §5): {@code Accept: application/json}, form bodies, Basic credentials sent with every request,
 * 3 tries on TLS errors, 5xx retried once except for POST, redirects followed (303 as GET).
 * Errors carry the legacy texts of §8.
 */
public final class PdiskClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TLS_TRIES = 3;

    private final String base;
    private final String authorization;
    private final HttpClient http;

    /** @param base the URL ending in {@code /pswd} or {@code /cert} ({@link Endpoints#pdisk}) */
    public PdiskClient(String base, String username, String password, SSLContext tls) {
        this.base = base;
        this.authorization = username == null || username.isEmpty() ? null
                : "Basic " + Base64.getEncoder().encodeToString((username + ":" + (password == null ? "" : password))
                        .getBytes(StandardCharsets.UTF_8));
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL);
        if (tls != null) {
            b.sslContext(tls);
        }
        this.http = b.build();
    }

    public String base() {
        return base;
    }

    /** {@code POST /disks/} → the new volume's uuid (requires 201). */
    public String create(int sizeGiB, String tag, boolean isPublic) throws CliException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("size", Integer.toString(sizeGiB));
        form.put("tag", tag == null ? "" : tag);
        form.put("visibility", isPublic ? "public" : "private");
        JsonNode answer = send("POST", "/disks/", form, 201);
        return text(answer, "uuid");
    }

    /** {@code POST /disks/<uuid>} with no body: a copy-on-write snapshot or a rebase; the new uuid. */
    public String copyOrRebase(String uuid) throws CliException {
        return text(send("POST", "/disks/" + uuid, null, 200), "uuid");
    }

    /** {@code GET /disks/} → the JSON objects. */
    public List<JsonNode> list() throws CliException {
        JsonNode answer = send("GET", "/disks/", null, 200);
        List<JsonNode> out = new ArrayList<>();
        if (answer != null && answer.isArray()) {
            answer.forEach(out::add);
        }
        return out;
    }

    /** {@code GET /disks/<uuid>/}. */
    public JsonNode get(String uuid) throws CliException {
        return send("GET", "/disks/" + uuid + "/", null, 200);
    }

    /** {@code DELETE /disks/<uuid>/} → the uuid the server confirms. */
    public String delete(String uuid) throws CliException {
        return text(send("DELETE", "/disks/" + uuid + "/", null, 200), "uuid");
    }

    /** {@code PUT /disks/<uuid>} of the given fields; the answer is not used. */
    public void update(String uuid, Map<String, String> fields) throws CliException {
        send("PUT", "/disks/" + uuid, fields, -1);
    }

    /** {@code POST /disks/<uuid>/mounts/} → the device the volume got (e.g. {@code vdz}). */
    public String attach(String uuid, String node, int vmId) throws CliException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("node", node);
        form.put("vm_id", Integer.toString(vmId));
        return text(send("POST", "/disks/" + uuid + "/mounts/", form, 200), "target");
    }

    /** {@code DELETE /disks/<uuid>/mounts/<uuid>_<vmId>} → the device it had. */
    public String detach(String uuid, int vmId) throws CliException {
        return text(send("DELETE", "/disks/" + uuid + "/mounts/" + uuid + "_" + vmId, null, 200), "target");
    }

    private static String text(JsonNode node, String key) throws CliException {
        if (node == null || !node.hasNonNull(key)) {
            throw new CliException("unexpected answer from pdisk: no " + key + " in " + node, CliException.UNREADABLE_ANSWER);
        }
        return node.get(key).asText();
    }

    /**
     * @param expected the status required for success, or -1 for any 2xx
     * @return the JSON answer (null when the body is empty)
     */
    private JsonNode send(String method, String path, Map<String, String> form, int expected) throws CliException {
        URI url = URI.create(base + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(10)).header("Accept", "application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
            b.method(method, HttpRequest.BodyPublishers.ofString(encode(form)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest request = b.build();
        HttpResponse<String> response = exchange(request, !"POST".equals(method));
        int status = response.statusCode();
        boolean ok = expected < 0 ? status / 100 == 2 : status == expected;
        if (!ok) {
            throw new CliException(errorText(method, url, status, response.body()));
        }
        String body = response.body();
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            if (expected < 0) {
                return null; // an update's answer is not used (an HTML page after the 303)
            }
            throw new CliException("unexpected answer from pdisk to " + method + " " + url + ": not JSON",
                    CliException.UNREADABLE_ANSWER);
        }
    }

    private HttpResponse<String> exchange(HttpRequest request, boolean retryServerError) throws CliException {
        int serverErrorRetries = retryServerError ? 1 : 0;
        for (int attempt = 1;; attempt++) {
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (r.statusCode() >= 500 && serverErrorRetries-- > 0) {
                    continue;
                }
                return r;
            } catch (SSLException e) {
                if (attempt >= TLS_TRIES) {
                    throw new CliException("cannot reach pdisk at " + request.uri() + ": " + e.getMessage(), e);
                }
            } catch (IOException e) {
                String detail = e instanceof java.net.ConnectException ? "connection refused"
                        : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                throw new CliException("cannot reach pdisk at " + request.uri() + ": " + detail, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted");
            }
        }
    }

    /** legacy-cli.md §8: 400/411 → the JSON message; other errors → status, reason and message. */
    static String errorText(String method, URI url, int status, String body) {
        String message = body == null ? "" : body.strip();
        try {
            JsonNode n = JSON.readTree(message);
            if (n != null && n.hasNonNull("message")) {
                message = n.get("message").asText();
            }
        } catch (IOException notJson) {
            // keep the text as it came
        }
        if (status == 400 || status == 411) {
            return message;
        }
        return "Failed calling method " + method + " on url " + url + ", with reason: " + status + ": "
                + HttpStatus.reason(status) + ". Error: " + message;
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
