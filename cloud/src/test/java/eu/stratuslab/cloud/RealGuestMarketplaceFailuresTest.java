package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.Before;
import org.junit.Test;

/**
 * Issue 9 item 8, the failures of a marketplace image served from a remote location (loopback
 * HTTP), on the embedded {@code test:///default} host (no hypervisor needed): an image whose
 * served bytes no longer match its manifest ends FAILED with pdisk's message and caches nothing;
 * an unreachable location fails the VM within 30 s.
 */
public class RealGuestMarketplaceFailuresTest extends OnACloudSite {
    private static final int IMAGE_BYTES = 256 * 1024;

    private MarketplaceCloud cloud;
    private LoopbackImageServer images;

    @Before
    public void start() throws Exception {
        images = site.closeAtEnd(new LoopbackImageServer("image.img.gz", gzip(randomBytes(1))));
        cloud = site.marketplaceCloud("");
    }

    private static byte[] randomBytes(long seed) {
        byte[] b = new byte[IMAGE_BYTES];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    private static String template(String source) {
        return "CPU = 0.5\nMEMORY = 64\nDISK = [ SOURCE = \"" + source + "\", TARGET = \"vda\" ]\n"
                + "NIC = [ NETWORK = \"public\", NETWORK_UNAME = \"oneadmin\" ]\n";
    }

    private List<JsonNode> originsOf(String id) throws Exception {
        return cloud.pdiskDisks().stream().filter(d -> "MACHINE_IMAGE_ORIGIN".equals(d.get("type").asText()))
                .filter(d -> id.equals(d.get("identifier").asText())).toList();
    }

    @Test
    public void servedBytesThatNoLongerMatchTheManifestFailTheVmAndCacheNothing() throws Exception {
        String id = cloud.publishByLocation(images.location(), "changing");
        int published = images.downloads();
        // Same size, other content: only the SHA-1 that pdisk computes while it streams can tell.
        images.serve(gzip(randomBytes(2)));

        int vm = cloud.allocate(template(id));
        cloud.await(vm, 7, Duration.ofSeconds(60));

        String message = MarketplaceCloud.element(cloud.info(vm), "MESSAGE");
        assertTrue(message, message != null
                && (message.startsWith("prolog: checksum mismatch") || message.startsWith("prolog: size mismatch")));
        assertTrue("pdisk fetched the image", images.downloads() > published);
        assertEquals(cloud.pdiskDisks().toString(), List.of(), originsOf(id));
    }

    @Test
    public void anUnreachableLocationFailsTheVmWithin30Seconds() throws Exception {
        String id = cloud.publishByLocation(images.location(), "vanishing");
        images.stop();

        long start = System.nanoTime();
        int vm = cloud.allocate(template(id));
        cloud.await(vm, 7, Duration.ofSeconds(30));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertTrue("failed after " + took, took.compareTo(Duration.ofSeconds(30)) <= 0);
        String message = MarketplaceCloud.element(cloud.info(vm), "MESSAGE");
        assertTrue(String.valueOf(message), message != null && !message.isBlank());
        assertFalse(message, message.contains("checksum mismatch"));
        assertEquals(cloud.pdiskDisks().toString(), List.of(), originsOf(id));
    }
}
