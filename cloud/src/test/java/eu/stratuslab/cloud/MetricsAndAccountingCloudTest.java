package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.stratuslab.core.testsupport.Await;
import eu.stratuslab.xmlrpc.XmlRpcClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Before;
import org.junit.Test;

/**
 * Issue 12 items 3 and 4 on the cloud exactly as {@code ./stratuslab up} starts it: after real
 * calls (VMs of the demo user from the marketplace image and of oneadmin, failed logins, a failed
 * call, a shutdown), {@code /metrics} shows every family of the issue with its counters moved; it
 * is served without credentials to loopback clients of the /RPC2 listener and, on the one-proxy,
 * to oneadmin only. The accounting endpoint and {@code ./stratuslab acct} show a user their own
 * usage and oneadmin everyone's.
 */
public class MetricsAndAccountingCloudTest extends OnACloudSite {
    private static final String NIC = "NIC = [ NETWORK = \"public\", NETWORK_UNAME = \"oneadmin\" ]\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path home;
    private CloudLauncher cloud;
    private XmlRpcClient proxy;
    private XmlRpcClient rpc2;
    private String adminSession;
    private String demoPassword;
    private String adminPassword;
    private HttpClient http;

    @Before
    public void start() throws Exception {
        home = site.home("cloud", CloudSite.EPHEMERAL_PORTS);
        cloud = site.start(home);
        demoPassword = CloudSite.password(home, "demo");
        adminPassword = CloudSite.password(home, "oneadmin");
        adminSession = "oneadmin:" + adminPassword;
        proxy = CloudSite.oneProxyClient(cloud.endpoints().get("one-proxy"), "demo", demoPassword);
        rpc2 = new XmlRpcClient(URI.create(cloud.endpoints().get("rpc2")));
        http = HttpClient.newBuilder().sslContext(ReadinessCheck.trustAnyCertificate()).build();
    }

    @Test
    public void metricsShowEveryFamilyAndMoveWithRealCalls() throws Exception {
        Samples before = scrape();
        String imageId = CloudSite.publishedImage(home);
        int demoVm = allocate(proxy, "x", "CPU = 0.5\nMEMORY = 64\nDISK = [ SOURCE = \"" + imageId
                + "\", TARGET = \"vda\" ]\n" + NIC + "CONTEXT = [ HOSTNAME = \"vm-$VMID\", TARGET = \"hdc\" ]\n");
        int adminVm = allocate(rpc2, adminSession, "CPU = 1\nMEMORY = 128\n" + NIC);
        awaitState(demoVm, "3", "3");
        awaitState(adminVm, "3", "3");
        List<?> wrongSession = (List<?>) rpc2.call("one.vmpool.info", "oneadmin:wrong", -2, -1, -1, -1);
        assertEquals(Boolean.FALSE, wrongSession.get(0));
        assertEquals(401, get(cloud.endpoints().get("one-proxy").replace("/xmlrpc", "/metrics"), "demo", "wrong")
                .statusCode());
        assertEquals(Boolean.FALSE, ((List<?>) proxy.call("one.vm.info", "x", 9999)).get(0));
        assertEquals(Boolean.TRUE, ((List<?>) proxy.call("one.vm.action", "x", "shutdown", demoVm)).get(0));
        awaitState(demoVm, "6", "0");
        Samples after = scrape();

        // API calls and latency per method and outcome
        assertCallCounted(before, after, "one.vm.allocate", "proxy", "success");
        assertCallCounted(before, after, "one.vm.allocate", "rpc2", "success");
        assertCallCounted(before, after, "one.vm.info", "proxy", "error");
        assertCallCounted(before, after, "one.vmpool.info", "rpc2", "unauthenticated");
        assertTrue(after.sum("stratuslab_api_calls_seconds_sum", Map.of("method", "one.vm.allocate")) > 0);
        // authentication outcomes per module
        assertAuthenticationCounted(before, after, "stratuslab-pswd", "failure");
        assertAuthenticationCounted(before, after, "stratuslab-pswd", "success");
        assertAuthenticationCounted(before, after, "rpc2-session", "failure");
        // VMs and hosts per state
        assertEquals(1, after.sum("stratuslab_vms", Map.of("state", "ACTIVE")), 0);
        assertEquals(1, after.sum("stratuslab_vms", Map.of("state", "DONE")), 0);
        assertEquals(0, before.sum("stratuslab_vms", Map.of("state", "DONE")), 0);
        assertTrue(after.toString(), after.sum("stratuslab_hosts", Map.of()) >= 1);
        assertTrue(after.has("stratuslab_hosts", Map.of("state", "ERROR")));
        // scheduler pass time and placed VMs
        assertMoved(before, after, "stratuslab_scheduler_pass_seconds_count", Map.of(), 1);
        assertMoved(before, after, "stratuslab_scheduler_placed_total", Map.of(), 2);
        // prolog and epilog steps
        assertStepCounted(before, after, "prolog", "marketplace");
        assertStepCounted(before, after, "prolog", "context");
        assertStepCounted(before, after, "epilog", "quarantine");
        // image cache: the first use of the image is a miss that fetched its bytes
        assertMoved(before, after, "stratuslab_image_cache_lookups_total", Map.of("result", "miss"), 1);
        assertTrue(after.sum("stratuslab_image_cache_fetched_bytes_total", Map.of()) > 0);
        // pdisk volumes and mounts, quarantine
        assertEquals(1, after.sum("stratuslab_pdisk_volumes", Map.of("type", "MACHINE_IMAGE_ORIGIN")), 0);
        assertTrue(after.has("stratuslab_pdisk_mounts", Map.of()));
        assertMoved(before, after, "stratuslab_quarantine_volumes", Map.of(), 1);
        assertTrue(after.has("stratuslab_quarantine_size_gigabytes", Map.of()));
        // JVM memory and threads
        assertTrue(after.sum("jvm_memory_used_bytes", Map.of()) > 0);
        assertTrue(after.sum("jvm_threads_live_threads", Map.of()) > 0);
        // the Grafana dashboard of conf/ queries only names the cloud exports
        String dashboard = Files.readString(Path.of("..", "conf", "grafana-dashboard.json"));
        Matcher names = Pattern.compile("\\b(?:stratuslab|jvm)_[a-z_]+").matcher(dashboard);
        int queried = 0;
        while (names.find()) {
            queried++;
            assertTrue(names.group() + " of conf/grafana-dashboard.json is not exported", after.has(names.group(), Map.of()));
        }
        assertTrue(queried > 20);
    }

    @Test
    public void onTheOneProxyMetricsAreForOneadminOnly() throws Exception {
        String url = cloud.endpoints().get("one-proxy").replace("/xmlrpc", "/metrics");
        assertEquals(401, get(url, null, null).statusCode());
        HttpResponse<String> demo = get(url, "demo", demoPassword);
        assertEquals(403, demo.statusCode());
        assertFalse(demo.body(), demo.body().contains("stratuslab_"));
        HttpResponse<String> admin = get(url, "oneadmin", adminPassword);
        assertEquals(200, admin.statusCode());
        assertTrue(admin.headers().firstValue("Content-Type").orElse(""), admin.headers().firstValue("Content-Type")
                .orElse("").startsWith("text/plain; version=0.0.4"));
        assertTrue(admin.body().contains("stratuslab_api_calls_seconds_count{"));
        // the certificate path without a certificate
        assertEquals(403, get(cloud.endpoints().get("one-proxy-cert").replace("/xmlrpc", "/metrics"), null, null)
                .statusCode());
        // loopback: the /RPC2 listener's /metrics needs no credentials (this test runs on loopback)
        assertEquals(200, get(cloud.endpoints().get("metrics"), null, null).statusCode());
    }

    @Test
    public void accountingShowsAUserTheirOwnAndOneadminEveryones() throws Exception {
        int demoVm = allocate(proxy, "x", "CPU = 0.5\nMEMORY = 512\n" + NIC);
        int adminVm = allocate(rpc2, adminSession, "CPU = 1\nMEMORY = 128\n" + NIC);
        awaitState(demoVm, "3", "3");
        awaitState(adminVm, "3", "3");
        String url = cloud.endpoints().get("one-proxy").replace("/xmlrpc", "/accounting") + "?from=2000-01-01";
        // placements count from their STIME to now: wait until both have lasted a second
        Await.await("both VMs accounted", Duration.ofSeconds(30),
                () -> users(accounting(url, "oneadmin", adminPassword)).equals(List.of("oneadmin", "demo")));
        JsonNode all = accounting(url, "oneadmin", adminPassword);
        assertEquals(List.of("oneadmin", "users"), names(all.get("groups")));
        JsonNode own = accounting(url, "demo", demoPassword);
        assertEquals(List.of("demo"), users(own));
        assertEquals(List.of("users"), names(own.get("groups")));
        JsonNode demoRow = own.get("users").get(0);
        assertEquals(1, demoRow.get("vms").asInt());
        assertTrue(demoRow.toString(), demoRow.get("vm_seconds").asLong() >= 1);
        // bad input gets a clear 400
        HttpResponse<String> bad = get(url.replace("2000-01-01", "yesterday"), "demo", demoPassword);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body(), bad.body().contains("from 'yesterday' is not a time"));
        assertEquals(400, get(url + "&format=xml", "demo", demoPassword).statusCode());
        HttpResponse<String> csv = get(url + "&format=csv", "demo", demoPassword);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.body(), csv.body().startsWith("kind,id,name,gid,group,"));

        // ./stratuslab acct: the same report through the command an administrator runs
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = acct(out, err, null, "--format", "json");
        assertEquals(err.toString(StandardCharsets.UTF_8), 0, status);
        assertEquals(List.of("oneadmin", "demo"), users(JSON.readTree(out.toString(StandardCharsets.UTF_8))));
        out.reset();
        status = acct(out, err, demoPassword, "--user", "demo", "--format", "csv");
        assertEquals(err.toString(StandardCharsets.UTF_8), 0, status);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size()); // header, demo, group users
        assertTrue(lines.get(1), lines.get(1).startsWith("user,") && lines.get(1).contains(",demo,"));
        err.reset();
        status = acct(out, err, null, "--format", "xml");
        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8).contains("csv or json"));
    }

    /** {@code ./stratuslab acct --home HOME --from 2000-01-01 OPTIONS}; its exit status. */
    private int acct(ByteArrayOutputStream out, ByteArrayOutputStream err, String password, String... options) {
        List<String> args = new ArrayList<>(List.of("--home", home.toString(), "--from", "2000-01-01"));
        args.addAll(List.of(options));
        return AccountingCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), password);
    }

    // ---- helpers ---------------------------------------------------------------------------

    private JsonNode accounting(String url, String user, String password) {
        try {
            HttpResponse<String> r = get(url, user, password);
            assertEquals(r.body(), 200, r.statusCode());
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> users(JsonNode report) {
        return names(report.get("users"));
    }

    private static List<String> names(JsonNode rows) {
        List<String> names = new ArrayList<>();
        rows.forEach(r -> names.add(r.get("name").asText()));
        return names;
    }

    private HttpResponse<String> get(String url, String user, String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Samples scrape() throws Exception {
        HttpResponse<String> r = get(cloud.endpoints().get("metrics"), null, null);
        assertEquals(r.body(), 200, r.statusCode());
        return Samples.parse(r.body());
    }

    private static int allocate(XmlRpcClient c, String session, String template) throws Exception {
        List<?> r = (List<?>) c.call("one.vm.allocate", session, template);
        assertEquals(r.toString(), Boolean.TRUE, r.get(0));
        return (Integer) r.get(1);
    }

    private void awaitState(int id, String state, String lcm) {
        Await.await("VM " + id + " STATE " + state + "/" + lcm, Duration.ofSeconds(90), () -> {
            try {
                List<?> r = (List<?>) rpc2.call("one.vm.info", adminSession, id);
                String doc = (String) r.get(1);
                return doc.contains("<STATE>" + state + "</STATE>") && doc.contains("<LCM_STATE>" + lcm + "</LCM_STATE>");
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static void assertCallCounted(Samples before, Samples after, String method, String listener, String outcome) {
        assertMoved(before, after, "stratuslab_api_calls_seconds_count",
                Map.of("method", method, "listener", listener, "outcome", outcome), 1);
    }

    private static void assertAuthenticationCounted(Samples before, Samples after, String module, String outcome) {
        assertMoved(before, after, "stratuslab_authn_attempts_total", Map.of("module", module, "outcome", outcome), 1);
    }

    private static void assertStepCounted(Samples before, Samples after, String phase, String step) {
        assertMoved(before, after, "stratuslab_transfer_step_seconds_count",
                Map.of("phase", phase, "step", step, "outcome", "ok"), 1);
    }

    private static void assertMoved(Samples before, Samples after, String name, Map<String, String> labels, double by) {
        double was = before.sum(name, labels);
        double is = after.sum(name, labels);
        assertTrue(name + labels + " moved from " + was + " to " + is + ", expected at least +" + by + "\n" + after,
                is - was >= by);
    }

    /** The samples of a Prometheus text exposition: name, labels, value. */
    private record Samples(List<Sample> all, String text) {
        private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)");
        private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

        record Sample(String name, Map<String, String> labels, double value) {
        }

        static Samples parse(String text) {
            List<Sample> samples = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                Matcher m = LINE.matcher(line);
                assertTrue("not a sample line: " + line, m.matches());
                Map<String, String> labels = new HashMap<>();
                if (m.group(2) != null) {
                    Matcher l = LABEL.matcher(m.group(2));
                    while (l.find()) {
                        labels.put(l.group(1), l.group(2));
                    }
                }
                samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
            }
            return new Samples(samples, text);
        }

        boolean has(String name, Map<String, String> labels) {
            return all.stream().anyMatch(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()));
        }

        /** Sum over the samples of {@code name} having {@code labels}; 0 when none. */
        double sum(String name, Map<String, String> labels) {
            return all.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                    .mapToDouble(Sample::value).sum();
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
