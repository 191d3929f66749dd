package eu.stratuslab.cloud;

import eu.stratuslab.infra.testsupport.Together;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/**
 * Issue 9, hooks.md §3.2 step 1: twenty VMs of the demo user allocated at the same moment, all from
 * one marketplace image that nobody has started yet, on the embedded {@code test:///default} host.
 * The per-id lock must make exactly one origin in pdisk and one download at the image's location;
 * every VM runs on its own snapshot.
 */
public class ConcurrentUncachedImageTest extends OnACloudSite {
    static final int VMS = 20;

    private MarketplaceCloud cloud;

    /**
     * The default sched.conf gives one host one VM per pass (OpenNebula's MAX_HOST = 1); here one pass
     * places every VM, so that all their prologs run at the same time.
     */
    static Path burstScheduling(Path home) throws IOException {
        Files.createDirectories(home.resolve("etc/stratuslab"));
        Files.writeString(home.resolve("etc/stratuslab/sched.conf"), """
                SCHED_ON_EVENTS = yes
                SCHED_INTERVAL = 30
                MAX_VM = 300
                MAX_DISPATCH = 0
                MAX_HOST = 30
                DEFAULT_SCHED = [ POLICY = 1 ]
                """);
        return home;
    }

    static String template(String source) {
        return "CPU = 0.1\nMEMORY = 32\nDISK = [ SOURCE = \"" + source + "\", TARGET = \"vda\" ]\n"
                + "NIC = [ NETWORK = \"public\", NETWORK_UNAME = \"oneadmin\" ]\n";
    }

    /** Allocates {@code n} VMs of {@code template} from {@code n} threads released together; their ids. */
    static List<Integer> allocateTogether(MarketplaceCloud cloud, String template, int n) throws Exception {
        return Together.run(n, n, Duration.ofSeconds(60), i -> cloud.allocate(template));
    }

    @Test
    public void twentyConcurrentStartsOfOneUncachedImageMakeOneOriginFromOneDownload() throws Exception {
        byte[] raw = new byte[512 * 1024];
        new Random(9).nextBytes(raw);
        LoopbackImageServer images = site.closeAtEnd(new LoopbackImageServer("shared.img", raw));
        cloud = site.marketplaceCloud(burstScheduling(site.newFolder("cloud")), "");
        String id = cloud.publishByLocation(images.location(), "shared");
        int afterPublishing = images.downloads();
        assertEquals("nothing cached yet", 0, originsOf(id).size());

        List<Integer> vms = allocateTogether(cloud, template(id), VMS);
        for (int vm : vms) {
            cloud.await(vm, 3, Duration.ofMinutes(5));
        }

        List<JsonNode> origins = originsOf(id);
        assertEquals(origins.toString(), 1, origins.size());
        assertEquals("one download by pdisk", afterPublishing + 1, images.downloads());
        String origin = origins.get(0).get("uuid").asText();
        List<JsonNode> snapshots = cloud.pdiskDisks().stream()
                .filter(d -> "MACHINE_IMAGE_LIVE".equals(d.get("type").asText()))
                .filter(d -> ("snapshot:" + origin).equals(d.get("identifier").asText())).toList();
        assertEquals(snapshots.toString(), VMS, snapshots.size());
        assertEquals(VMS, snapshots.stream().map(d -> d.get("uuid").asText()).distinct().count());
    }

    private List<JsonNode> originsOf(String id) throws Exception {
        return cloud.pdiskDisks().stream().filter(d -> "MACHINE_IMAGE_ORIGIN".equals(d.get("type").asText()))
                .filter(d -> id.equals(d.get("identifier").asText())).toList();
    }
}
