package eu.stratuslab.pdisk.http;

import static eu.stratuslab.pdisk.http.DiskApiTest.assertMessage;
import static eu.stratuslab.pdisk.http.UrlImportTest.enc;
import static eu.stratuslab.pdisk.http.UrlImportTest.randomImage;
import static eu.stratuslab.pdisk.http.UrlImportTest.sha1Hex;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

import eu.stratuslab.pdisk.support.ImageHttpServer;
import eu.stratuslab.pdisk.support.OnAPdisk;
import eu.stratuslab.pdisk.support.PdiskFixture;

/**
 * The marketplace cache miss of hooks.md §3.2 step 5: one {@code POST /disks/} with size, tag,
 * visibility, url, bytes, sha1, identifier and type; and the uniqueness of identifiers under
 * concurrent creates (exactly one wins, the others get 403 "Disk already registered").
 */
public class CreateWithIdentifierTest extends OnAPdisk {

    private static final String MARKETPLACE_ID = "GPBxGJ2Ohtn_Bk0jrCwS4qkUWTb";
    @Test
    public void oneRequestCreatesAVerifiedOriginWithIdentifierAndType() throws Exception {
        byte[] image = randomImage(3 << 20);
        try (ImageHttpServer http = new ImageHttpServer(UrlImportTest.gzipBytes(image))) {
            String form = "size=1&tag=&visibility=private&url=" + enc(http.url("images/ttylinux.img.gz")) + "&bytes="
                    + image.length + "&sha1=" + sha1Hex(image) + "&identifier=" + MARKETPLACE_ID + "&type=MACHINE_IMAGE_ORIGIN";
            String uuid = pdisk.create("pdisk", form);
            JsonNode d = PdiskFixture.json(pdisk.get("pdisk", "disks/" + uuid));
            assertEquals(MARKETPLACE_ID, d.get("identifier").asText());
            assertEquals("MACHINE_IMAGE_ORIGIN", d.get("type").asText());
            assertEquals("PRIVATE", d.get("visibility").asText());
            assertEquals("", d.get("tag").asText());
            assertEquals("pdisk", d.get("owner").asText());
            assertEquals("1", d.get("size").asText());
            assertArrayEquals(image, pdisk.volumePrefix(uuid, image.length));
            // the origin serves copy-on-write snapshots at once (hooks.md §3.2 step 7)
            HttpResponse<String> snap = pdisk.postEmpty("pdisk", "disks/" + uuid);
            assertEquals(snap.body(), 200, snap.statusCode());
            assertEquals("MACHINE_IMAGE_LIVE", PdiskFixture.json(snap).get("type").asText());

            assertMessage(pdisk.postForm("pdisk", "disks/", form), 403, "Disk already registered");
        }
    }

    @Test
    public void aFailedImportFreesTheIdentifierAgain() throws Exception {
        byte[] image = randomImage(1 << 20);
        try (ImageHttpServer http = new ImageHttpServer(image)) {
            String wrong = "0123456789abcdef0123456789abcdef01234567";
            String base = "size=1&url=" + enc(http.url("image.img")) + "&identifier=" + MARKETPLACE_ID + "&type=MACHINE_IMAGE_ORIGIN";
            assertMessage(pdisk.postForm("pdisk", "disks/", base + "&sha1=" + wrong), 400,
                    "checksum mismatch: " + sha1Hex(image) + " (found) != " + wrong + " (expected)");
            assertMessage(pdisk.postForm("pdisk", "disks/", base + "&bytes=" + (image.length + 1)), 400,
                    "size mismatch: " + image.length + " (found) != " + (image.length + 1) + " (expected)");
            assertEquals(0, PdiskFixture.json(pdisk.get("pdisk", "disks/")).size());
            assertEquals(0, count(pdisk.dir.resolve("volumes")));
            String uuid = pdisk.create("pdisk", base + "&sha1=" + sha1Hex(image));
            assertEquals(MARKETPLACE_ID, PdiskFixture.json(pdisk.get("pdisk", "disks/" + uuid)).get("identifier").asText());
        }
    }

    @Test
    public void ofTwentyConcurrentCreatesWithOneIdentifierExactlyOneWins() throws Exception {
        int n = 20;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<HttpResponse<String>> create = () -> {
                    start.await();
                    return pdisk.postForm("pdisk", "disks/", "size=1&type=MACHINE_IMAGE_ORIGIN&identifier=" + MARKETPLACE_ID);
                };
                answers.add(pool.submit(create));
            }
            start.countDown();
            int created = 0;
            int refused = 0;
            for (Future<HttpResponse<String>> f : answers) {
                HttpResponse<String> r = f.get(120, TimeUnit.SECONDS);
                if (r.statusCode() == 201) {
                    created++;
                } else {
                    assertMessage(r, 403, "Disk already registered");
                    refused++;
                }
            }
            assertEquals(1, created);
            assertEquals(n - 1, refused);
        } finally {
            pool.shutdownNow();
        }
        JsonNode all = PdiskFixture.json(pdisk.get("pdisk", "disks/"));
        assertEquals(1, all.size());
        assertEquals(MARKETPLACE_ID, all.get(0).get("identifier").asText());
        assertEquals("the losers' volumes are gone", 1, count(pdisk.dir.resolve("volumes")));
    }

    private static long count(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }
}
