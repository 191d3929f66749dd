package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.stratuslab.core.testsupport.Await;
import eu.stratuslab.xmlrpc.XmlRpcClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cloud as {@code ./stratuslab up} starts it (ports 0, extra cloud.cfg lines), seen from the
 * outside: the demo user on the one-proxy, oneadmin publishing on the embedded marketplace, the
 * pdisk superuser's disk listing.
 */
final class MarketplaceCloud implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path home;
    final CloudLauncher launcher;
    final XmlRpcClient demo;
    /** oneadmin on the one-proxy, for the administrator's methods (hosts, migrate). */
    final XmlRpcClient oneadmin;
    private final String oneadminPassword;
    private final String pdiskPassword;
    private final String demoPassword;
    private final HttpClient http = HttpClient.newBuilder().sslContext(ReadinessCheck.trustAnyCertificate())
            .connectTimeout(Duration.ofSeconds(10)).build();

    MarketplaceCloud(Path home, String extraConfig) throws Exception {
        this.home = home;
        CloudSite.writeCloudCfg(home, CloudSite.EPHEMERAL_PORTS + extraConfig);
        launcher = new CloudLauncher(new CloudHome(home));
        try {
            launcher.start(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        } catch (Exception e) {
            launcher.close();
            throw e;
        }
        List<String> creds = Files.readAllLines(home.resolve("credentials.txt"));
        oneadminPassword = CloudSite.password(creds, "oneadmin");
        pdiskPassword = CloudSite.password(creds, "pdisk");
        demoPassword = CloudSite.password(creds, "demo");
        demo = CloudSite.oneProxyClient(launcher.endpoints().get("one-proxy"), "demo", demoPassword);
        oneadmin = CloudSite.oneProxyClient(launcher.endpoints().get("one-proxy"), "oneadmin", oneadminPassword);
    }

    /** oneadmin publishes an image by location (the marketplace downloads it once); its identifier. */
    String publishByLocation(URI location, String title) throws Exception {
        String form = "location=" + URLEncoder.encode(location.toString(), StandardCharsets.UTF_8)
                + "&title=" + URLEncoder.encode(title, StandardCharsets.UTF_8) + "&format=raw";
        String basic = Base64.getEncoder().encodeToString(("oneadmin:" + oneadminPassword).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(launcher.endpoints().get("marketplace") + "/images/"))
                .header("Authorization", "Basic " + basic).header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 201, r.statusCode());
        return JSON.readTree(r.body()).get("identifier").asText();
    }

    int allocate(String template) throws Exception {
        List<?> r = (List<?>) demo.call("one.vm.allocate", "x", template);
        assertEquals(r.toString(), Boolean.TRUE, r.get(0));
        return (Integer) r.get(1);
    }

    String info(int id) throws Exception {
        List<?> r = (List<?>) demo.call("one.vm.info", "x", id);
        assertEquals(r.toString(), Boolean.TRUE, r.get(0));
        return (String) r.get(1);
    }

    void action(String action, int id) throws Exception {
        List<?> r = (List<?>) demo.call("one.vm.action", "x", action, id);
        assertEquals(r.toString(), Boolean.TRUE, r.get(0));
    }

    static String element(String doc, String name) {
        Matcher m = Pattern.compile("<" + name + ">(?:<!\\[CDATA\\[)?([^<]*?)(?:]]>)?</" + name + ">").matcher(doc);
        return m.find() ? m.group(1) : null;
    }

    /** Waits for STATE {@code state} (3 means ACTIVE/RUNNING, LCM_STATE 3; others LCM_STATE 0). */
    void await(int id, int state, Duration deadline) {
        String lcm = state == 3 ? "3" : "0";
        Await.await("VM " + id + " STATE " + state + "/" + lcm, deadline, () -> {
            String doc;
            try {
                doc = info(id);
            } catch (Exception e) {
                return false;
            }
            if (state != 7 && "7".equals(element(doc, "STATE"))) {
                throw new AssertionError("VM " + id + " FAILED instead of reaching STATE " + state + ": "
                        + element(doc, "MESSAGE"));
            }
            return Integer.toString(state).equals(element(doc, "STATE")) && lcm.equals(element(doc, "LCM_STATE"));
        }, () -> {
            try {
                String doc = info(id);
                return "STATE " + element(doc, "STATE") + "/" + element(doc, "LCM_STATE") + " MESSAGE "
                        + element(doc, "MESSAGE");
            } catch (Exception e) {
                return e.toString();
            }
        });
    }

    /** The serial console of VM {@code id} (written by qemu on the local node). */
    Path serialLog(int id) {
        return home.resolve("var/lib/one").resolve(id + "/serial.log");
    }

    /** The pdisk superuser creates a disk ({@code POST /disks/} with the form); its uuid. */
    String pdiskCreate(String form) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("pdisk:" + pdiskPassword).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(launcher.endpoints().get("pdisk") + "/pswd/disks/"))
                .header("Authorization", "Basic " + basic).header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 201, r.statusCode());
        return JSON.readTree(r.body()).get("uuid").asText();
    }

    List<JsonNode> pdiskDisks() throws Exception {
        String basic = Base64.getEncoder().encodeToString(("pdisk:" + pdiskPassword).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(launcher.endpoints().get("pdisk") + "/pswd/disks/"))
                .header("Authorization", "Basic " + basic).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 200, r.statusCode());
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(r.body()).forEach(out::add);
        return out;
    }

    /** A pdisk REST call as {@code demo} or {@code pdisk} (JSON answers; form body when not null). */
    HttpResponse<String> pdisk(String user, String method, String path, String form) throws Exception {
        String password = user.equals("pdisk") ? pdiskPassword : demoPassword;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(launcher.endpoints().get("pdisk") + "/pswd/" + path))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json");
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
        }
        b.method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        launcher.close();
    }
}
