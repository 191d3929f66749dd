package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import eu.stratuslab.core.testsupport.Await;
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
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.Before;
import org.junit.Test;

/**
 * Issue 10 item 6 on the cloud as {@code ./stratuslab up} starts it, with a 10-second quarantine
 * period and a 1-second cleanup interval in {@code quarantine.cfg}: the demo user's VMs run the
 * published image; at shutdown each VM's snapshot goes to the pdisk superuser with a quarantine
 * stamp and its directory to the quarantine location; the administrator lists the quarantine and
 * restores one snapshot with {@code ./stratuslab quarantine}; once the period is over the scheduled
 * cleanup has deleted the other snapshot and directory, while the restored snapshot, the cached
 * image and the user's own volume are still there.
 */
public class QuarantineCloudTest extends OnACloudSite {

    private Path home;
    private Path location;
    private MarketplaceCloud cloud;
    private String imageId;

    @Before
    public void start() throws Exception {
        home = site.home("cloud");
        location = home.resolve("var/lib/one/quarantine");
        Files.writeString(home.resolve("etc/stratuslab/quarantine.cfg"),
                "PERIOD=10s\nLOCATION=" + location + "\nCLEANUP_INTERVAL=1s\n");
        cloud = site.marketplaceCloud(home, "");
        imageId = CloudSite.publishedImage(home);
    }

    private String template() {
        return "CPU = 0.5\nMEMORY = 64\nDISK = [ SOURCE = \"" + imageId + "\", TARGET = \"vda\" ]\n" + CloudSite.PUBLIC_NIC;
    }

    private Optional<JsonNode> disk(String uuid) throws Exception {
        return cloud.pdiskDisks().stream().filter(d -> uuid.equals(d.get("uuid").asText())).findFirst();
    }

    /** The live snapshot of the image owned by {@code owner} that is not in {@code others}. */
    private String snapshotOf(List<String> others) throws Exception {
        return cloud.pdiskDisks().stream().filter(d -> "MACHINE_IMAGE_LIVE".equals(d.get("type").asText()))
                .map(d -> d.get("uuid").asText()).filter(u -> !others.contains(u)).findFirst().orElseThrow();
    }

    /** The demo user's own data volume, created through pdisk's API as that user. */
    private String demoVolume() throws Exception {
        String pw = Files.readAllLines(home.resolve("credentials.txt")).stream().filter(l -> l.startsWith("demo:"))
                .findFirst().orElseThrow().substring(5);
        HttpClient http = HttpClient.newBuilder().sslContext(ReadinessCheck.trustAnyCertificate()).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(cloud.launcher.endpoints().get("pdisk")
                        + "/pswd/disks/")).header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("demo:" + pw)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("size=1&tag=results")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 201, r.statusCode());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("uuid").asText();
    }

    private String[] admin(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        all[0] = "--home";
        all[1] = home.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int status = QuarantineCommand.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(status), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    public void shutdownQuarantinesTheSnapshotTheCleanupTakesItAfterThePeriodAndARestoredOneStays() throws Exception {
        String data = demoVolume();
        int first = cloud.allocate(template());
        cloud.await(first, 3, Duration.ofSeconds(60));
        String firstSnapshot = snapshotOf(List.of());
        int second = cloud.allocate(template());
        cloud.await(second, 3, Duration.ofSeconds(60));
        String secondSnapshot = snapshotOf(List.of(firstSnapshot));

        cloud.action("shutdown", first);
        cloud.await(first, 6, Duration.ofSeconds(60));
        JsonNode q = disk(firstSnapshot).orElseThrow();
        assertEquals("pdisk", q.get("owner").asText());
        assertTrue(q.toString(), q.get("quarantine").asText().matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6}"));
        assertTrue("the VM directory moved into quarantine", Files.isDirectory(location.resolve(Integer.toString(first))));
        assertFalse(Files.exists(home.resolve("var/lib/one/" + first)));

        String[] listed = admin("list");
        assertEquals(listed[2], "0", listed[0]);
        assertTrue(listed[1], listed[1].lines().anyMatch(l -> l.startsWith(firstSnapshot + "\t")
                && l.contains("\tdemo\t" + first + "\tsnapshot:")));
        String[] restored = admin("restore", firstSnapshot);
        assertEquals(restored[2], "0", restored[0]);
        assertEquals("RESTORED " + firstSnapshot + " to demo\n", restored[1]);
        String[] again = admin("restore", firstSnapshot);
        assertEquals("1", again[0]);
        assertEquals("quarantine: volume " + firstSnapshot + " is not in quarantine (owner demo)\n", again[2]);

        cloud.action("shutdown", second);
        cloud.await(second, 6, Duration.ofSeconds(60));
        assertTrue(disk(secondSnapshot).orElseThrow().has("quarantine"));

        Await.await("the scheduled cleanup to delete VM " + second + "'s snapshot and directory", Duration.ofSeconds(90),
                () -> {
                    try {
                        return disk(secondSnapshot).isEmpty() && !Files.exists(location.resolve(Integer.toString(second)));
                    } catch (Exception e) {
                        return false;
                    }
                });
        JsonNode kept = disk(firstSnapshot).orElseThrow();
        assertEquals("demo", kept.get("owner").asText());
        assertFalse(kept.has("quarantine"));
        JsonNode own = disk(data).orElseThrow();
        assertEquals("demo", own.get("owner").asText());
        assertFalse(own.has("quarantine"));
        assertEquals(1, cloud.pdiskDisks().stream().filter(d -> "MACHINE_IMAGE_ORIGIN".equals(d.get("type").asText())).count());
        List<String> runs = Files.readAllLines(home.resolve("var/log/one/one-quarantine-cleanup.log"));
        assertTrue(runs.toString(), runs.stream().anyMatch(l -> l.matches(".*Z cleanup: 1 volume\\(s\\) and \\d+ file\\(s\\) "
                + "older than PT10S deleted under .*")));
        assertEquals("[]", admin("list")[1].lines().skip(1).toList().toString());
    }
}
