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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Issue 9's acceptance on the cloud exactly as {@code ./stratuslab up} starts it: the demo user
 * runs the published local image by its marketplace id through the one-proxy; pdisk then holds
 * one cached origin with that identifier and one live snapshot per VM owned by the user; an
 * unknown id fails with a message; a policy written while the cloud runs blacklists the image for
 * the next deployment although it is cached; shutdown quarantines the VM's snapshot.
 */
public class EmbeddedMarketplaceImageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NIC = "NIC = [ NETWORK = \"public\", NETWORK_UNAME = \"oneadmin\" ]\n";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path home;
    private CloudLauncher cloud;
    private XmlRpcClient proxy;
    private String pdiskPassword;
    private String imageId;

    @Before
    public void start() throws Exception {
        home = tmp.newFolder("cloud").toPath();
        Files.createDirectories(home.resolve("etc/stratuslab"));
        Files.writeString(home.resolve("etc/stratuslab/cloud.cfg"),
                "rpc2.port = 0\nproxy.port = 0\npdisk.port = 0\nmarketplace.port = 0\n");
        cloud = new CloudLauncher(new CloudHome(home));
        cloud.start(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        List<String> creds = Files.readAllLines(home.resolve("credentials.txt"));
        String demoPw = password(creds, "demo");
        pdiskPassword = password(creds, "pdisk");
        proxy = new XmlRpcClient(URI.create(cloud.endpoints().get("one-proxy")))
                .withSslContext(ReadinessCheck.trustAnyCertificate()).withBasicAuth("demo", demoPw);
        List<String> images = Files.readAllLines(home.resolve("images.txt"));
        assertEquals(images.toString(), 1, images.size());
        String[] line = images.get(0).split(" ");
        imageId = line[0];
        assertTrue(imageId, imageId.matches("[A-Za-z0-9_-]{27}"));
        assertTrue(line[1], line[1].startsWith(cloud.endpoints().get("marketplace")) && line[1].endsWith("/metadata/" + imageId));
    }

    private static String password(List<String> creds, String user) {
        return creds.stream().filter(l -> l.startsWith(user + ":")).findFirst().orElseThrow().substring(user.length() + 1);
    }

    @After
    public void stop() throws Exception {
        cloud.close();
    }

    private String info(int id) throws Exception {
        List<?> r = (List<?>) proxy.call("one.vm.info", "x", id);
        assertEquals(r.toString(), Boolean.TRUE, r.get(0));
        return (String) r.get(1);
    }

    private static String element(String doc, String name) {
        Matcher m = Pattern.compile("<" + name + ">(?:<!\\[CDATA\\[)?([^<]*?)(?:]]>)?</" + name + ">").matcher(doc);
        return m.find() ? m.group(1) : null;
    }

    private int allocate(String template) throws Exception {
        List<?> r = (List<?>) proxy.call("one.vm.allocate", "x", template);
        assertEquals(r.toString(), Boolean.TRUE, r.get(0));
        return (Integer) r.get(1);
    }

    /** STATE 3 means ACTIVE/RUNNING here (LCM_STATE 3); other states have LCM_STATE 0. */
    private void await(int id, String state) {
        String lcm = state.equals("3") ? "3" : "0";
        Await.await("VM " + id + " STATE " + state + "/" + lcm, Duration.ofSeconds(60), () -> {
            try {
                String doc = info(id);
                return state.equals(element(doc, "STATE")) && lcm.equals(element(doc, "LCM_STATE"));
            } catch (Exception e) {
                return false;
            }
        });
    }

    private String vmTemplate(String source) {
        return "CPU = 0.5\nMEMORY = 64\nDISK = [ SOURCE = \"" + source + "\", TARGET = \"vda\" ]\n" + NIC
                + "CONTEXT = [ HOSTNAME = \"vm-$VMID\", PUBLIC_KEY = \"ssh-rsa AAAA demo@example\", USER_NOTE = \"hi\","
                + " TARGET = \"hdc\" ]\n";
    }

    private List<JsonNode> pdiskDisks() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(ReadinessCheck.trustAnyCertificate()).build();
        String basic = Base64.getEncoder().encodeToString(("pdisk:" + pdiskPassword).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(cloud.endpoints().get("pdisk") + "/pswd/disks/"))
                .header("Authorization", "Basic " + basic).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 200, r.statusCode());
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(r.body()).forEach(out::add);
        return out;
    }

    private static List<JsonNode> ofType(List<JsonNode> disks, String type) {
        return disks.stream().filter(d -> type.equals(d.get("type").asText())).toList();
    }

    @Test
    public void theDemoUserRunsThePublishedImageByIdAndPdiskHoldsOneOriginAndASnapshotPerVm() throws Exception {
        int first = allocate(vmTemplate(imageId));
        int second = allocate(vmTemplate(cloud.endpoints().get("marketplace") + "/metadata/" + imageId));
        await(first, "3");
        await(second, "3");
        assertEquals("3", element(info(first), "LCM_STATE"));

        List<JsonNode> disks = pdiskDisks();
        List<JsonNode> origins = ofType(disks, "MACHINE_IMAGE_ORIGIN");
        assertEquals(disks.toString(), 1, origins.size());
        assertEquals(imageId, origins.get(0).get("identifier").asText());
        String origin = origins.get(0).get("uuid").asText();
        List<JsonNode> live = ofType(disks, "MACHINE_IMAGE_LIVE");
        assertEquals(disks.toString(), 2, live.size());
        for (JsonNode snapshot : live) {
            assertEquals("snapshot:" + origin, snapshot.get("identifier").asText());
            assertEquals("demo", snapshot.get("owner").asText());
            assertFalse(snapshot.has("quarantine"));
        }

        assertEquals(Boolean.TRUE, ((List<?>) proxy.call("one.vm.action", "x", "shutdown", first)).get(0));
        await(first, "6");
        List<JsonNode> after = ofType(pdiskDisks(), "MACHINE_IMAGE_LIVE");
        assertEquals(1, after.stream().filter(d -> d.has("quarantine")).count());
        assertEquals(1, ofType(pdiskDisks(), "MACHINE_IMAGE_ORIGIN").size());
    }

    @Test
    public void anUnknownIdFailsWithAMessageAndAPolicyWrittenNowBlacklistsACachedImage() throws Exception {
        int unknown = allocate(vmTemplate("AAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        await(unknown, "7");
        String message = element(info(unknown), "MESSAGE");
        assertEquals("prolog: Failed to get manifest for image AAAAAAAAAAAAAAAAAAAAAAAAAAA", message);

        int cached = allocate(vmTemplate(imageId));
        await(cached, "3");
        Files.writeString(home.resolve("etc/stratuslab/policy.cfg"), "[images]\nblacklistimages =\n " + imageId + "\n");
        int refused = allocate(vmTemplate(imageId));
        await(refused, "7");
        assertEquals("prolog: Image isn't valid according to site policy (" + imageId + ")",
                element(info(refused), "MESSAGE"));
        assertEquals("the refused VM made no snapshot", 1, ofType(pdiskDisks(), "MACHINE_IMAGE_LIVE").size());
    }
}
