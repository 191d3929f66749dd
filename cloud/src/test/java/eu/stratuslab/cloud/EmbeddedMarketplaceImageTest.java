package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.Before;
import org.junit.Test;

/**
 * Issue 9's acceptance on the cloud exactly as {@code ./stratuslab up} starts it: the demo user
 * runs the published local image by its marketplace id through the one-proxy; pdisk then holds
 * one cached origin with that identifier and one live snapshot per VM owned by the user; an
 * unknown id fails with a message; a policy written while the cloud runs blacklists the image for
 * the next deployment although it is cached; shutdown quarantines the VM's snapshot.
 */
public class EmbeddedMarketplaceImageTest extends OnACloudSite {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MarketplaceCloud cloud;
    private String imageId;

    @Before
    public void start() throws Exception {
        cloud = site.marketplaceCloud("");
        List<String> images = Files.readAllLines(cloud.home.resolve("images.txt"));
        assertEquals(images.toString(), 1, images.size());
        String[] line = images.get(0).split(" ");
        imageId = line[0];
        assertTrue(imageId, imageId.matches("[A-Za-z0-9_-]{27}"));
        assertTrue(line[1], line[1].startsWith(cloud.launcher.endpoints().get("marketplace")) && line[1].endsWith("/metadata/" + imageId));
    }

    /** Waits up to 60 s for STATE {@code state} (3 means ACTIVE/RUNNING; a VM that FAILED instead fails the test). */
    private void await(int id, int state) {
        cloud.await(id, state, Duration.ofSeconds(60));
    }

    private String vmTemplate(String source) {
        return "CPU = 0.5\nMEMORY = 64\nDISK = [ SOURCE = \"" + source + "\", TARGET = \"vda\" ]\n" + CloudSite.PUBLIC_NIC
                + "CONTEXT = [ HOSTNAME = \"vm-$VMID\", PUBLIC_KEY = \"ssh-rsa AAAA demo@example\", USER_NOTE = \"hi\","
                + " TARGET = \"hdc\" ]\n";
    }

    private static List<JsonNode> ofType(List<JsonNode> disks, String type) {
        return disks.stream().filter(d -> type.equals(d.get("type").asText())).toList();
    }

    @Test
    public void theDemoUserRunsThePublishedImageByIdAndPdiskHoldsOneOriginAndASnapshotPerVm() throws Exception {
        int first = cloud.allocate(vmTemplate(imageId));
        int second = cloud.allocate(vmTemplate(cloud.launcher.endpoints().get("marketplace") + "/metadata/" + imageId));
        await(first, 3);
        await(second, 3);
        assertEquals("3", MarketplaceCloud.element(cloud.info(first), "LCM_STATE"));

        List<JsonNode> disks = cloud.pdiskDisks();
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

        cloud.action("shutdown", first);
        await(first, 6);
        List<JsonNode> after = ofType(cloud.pdiskDisks(), "MACHINE_IMAGE_LIVE");
        assertEquals(1, after.stream().filter(d -> d.has("quarantine")).count());
        assertEquals(1, ofType(cloud.pdiskDisks(), "MACHINE_IMAGE_ORIGIN").size());
    }

    @Test
    public void anUnknownIdFailsWithAMessageAndAPolicyWrittenNowBlacklistsACachedImage() throws Exception {
        int unknown = cloud.allocate(vmTemplate("AAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        await(unknown, 7);
        String message = MarketplaceCloud.element(cloud.info(unknown), "MESSAGE");
        assertEquals("prolog: Failed to get manifest for image AAAAAAAAAAAAAAAAAAAAAAAAAAA", message);

        int cached = cloud.allocate(vmTemplate(imageId));
        await(cached, 3);
        Files.writeString(new CloudHome(cloud.home).policyCfg(), "[images]\nblacklistimages =\n " + imageId + "\n");
        int refused = cloud.allocate(vmTemplate(imageId));
        await(refused, 7);
        assertEquals("prolog: Image isn't valid according to site policy (" + imageId + ")",
                MarketplaceCloud.element(cloud.info(refused), "MESSAGE"));
        assertEquals("the refused VM made no snapshot", 1, ofType(cloud.pdiskDisks(), "MACHINE_IMAGE_LIVE").size());
    }
}
