package eu.stratuslab.probes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** One user's pdisk REST client (JDK HttpClient, pre-emptive Basic authentication, JSON). */
final class PdiskClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(Loopback.trustingSslContext())
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final URI base;
    private final String authorization;
    final String user;

    PdiskClient(URI endpoint, String user, String password) {
        // the API is under <endpoint>/pswd/ (password) and <endpoint>/cert/ (certificates)
        String s = Loopback.requireLoopback(endpoint).toString();
        this.base = URI.create((s.endsWith("/") ? s : s + "/") + "pswd/");
        this.user = user;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    URI base() {
        return base;
    }

    /** {@code path} relative to the pdisk base (e.g. {@code disks/}); form body or null. */
    HttpResponse<String> send(String method, String path, String form) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
        }
        b.method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Creates a volume; its uuid. */
    String create(String form) throws IOException {
        HttpResponse<String> r = send("POST", "disks/", form);
        if (r.statusCode() != 201) {
            throw new IOException("pdisk create as " + user + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("uuid").asText();
    }

    /** The mounts of a volume ({@code [ {vmId, device} ]}). */
    JsonNode mounts(String uuid) throws IOException {
        HttpResponse<String> r = send("GET", "disks/" + uuid + "/mounts/", null);
        if (r.statusCode() != 200) {
            throw new IOException("mounts of " + uuid + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    static HttpClient http() {
        return HTTP;
    }
}
