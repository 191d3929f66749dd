package eu.stratuslab.pdisk.http;

import static eu.stratuslab.pdisk.http.DiskApiTest.assertMessage;
import static eu.stratuslab.pdisk.http.UrlImportTest.enc;
import static eu.stratuslab.pdisk.http.UrlImportTest.gzipBytes;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

import eu.stratuslab.pdisk.service.MarketplaceIdentifier;
import eu.stratuslab.pdisk.support.ImageHttpServer;
import eu.stratuslab.pdisk.support.OnAPdisk;
import eu.stratuslab.pdisk.support.PdiskFixture;

/** Create from URL (§5.2), multipart upload (§5.3) and gzip download (§5.5). */
public class ContentTransferTest extends OnAPdisk {

    /** URL imports from loopback: only the superuser may (see UrlImportPolicyTest). */
    private static final String SUPERUSER = "pdisk";
    private static byte[] randomImage(int size) {
        byte[] b = new byte[size];
        new Random(42).nextBytes(b);
        return b;
    }


    private static byte[] sha1(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-1").digest(data);
    }



    @Test
    public void createFromGzipUrlVerifiesSizeAndSha1OfDecompressedData() throws Exception {
        byte[] image = randomImage(3 << 20);
        try (ImageHttpServer http = new ImageHttpServer(gzipBytes(image))) {
            String form = "size=1&url=" + enc(http.url("image.img.gz")) + "&bytes=" + image.length + "&sha1="
                    + HexFormat.of().formatHex(sha1(image));
            String uuid = pdisk.create(SUPERUSER, form);
            assertArrayEquals(image, pdisk.volumePrefix(uuid, image.length));
            assertEquals(1L << 30, Files.size(pdisk.volume(uuid)));
        }
    }

    @Test
    public void brokenDownloadResumesWithRange() throws Exception {
        byte[] image = randomImage(2 << 20);
        try (ImageHttpServer http = new ImageHttpServer(image).breakFirstTransferAfter(1 << 20)) {
            String form = "size=1&url=" + enc(http.url("image.img")) + "&sha1=" + HexFormat.of().formatHex(sha1(image));
            String uuid = pdisk.create(SUPERUSER, form);
            assertArrayEquals(image, pdisk.volumePrefix(uuid, image.length));
            assertEquals(1, http.rangeHeaders().size());
            assertTrue(http.rangeHeaders().get(0), http.rangeHeaders().get(0).matches("bytes=[1-9]\\d*-"));
            assertEquals("the resume is tied to the first answer's ETag", List.of("\"image-v1\""), http.ifRangeHeaders());
        }
    }

    @Test
    public void checksumSizeAndDownloadFailuresRemoveRowAndVolume() throws Exception {
        byte[] image = randomImage(1 << 20);
        String good = HexFormat.of().formatHex(sha1(image));
        String wrong = "0123456789abcdef0123456789abcdef01234567";
        try (ImageHttpServer http = new ImageHttpServer(image)) {
            assertMessage(pdisk.postForm(SUPERUSER, "disks/", "size=1&url=" + enc(http.url("image.img")) + "&sha1=" + wrong), 400,
                    "checksum mismatch: " + good + " (found) != " + wrong + " (expected)");
            assertMessage(pdisk.postForm(SUPERUSER, "disks/", "size=1&url=" + enc(http.url("image.img")) + "&bytes=5"), 400,
                    "size mismatch: " + image.length + " (found) != 5 (expected)");
            assertMessage(pdisk.postForm(SUPERUSER, "disks/", "size=1&url=" + enc(http.url("missing"))), 400,
                    "error initializing disk contents from " + http.url("missing") + ": HTTP 404 from " + http.url("missing"));
            assertMessage(pdisk.postForm(SUPERUSER, "disks/", "size=1&url=" + enc(http.url("image.img")) + "&sha1=zz"), 400,
                    "invalid SHA-1 checksum: zz");
            assertMessage(pdisk.postForm(SUPERUSER, "disks/", "size=1&url=" + enc("file:///etc/passwd")), 400,
                    "error initializing disk contents from file:///etc/passwd: only http and https URLs are allowed, not 'file'");
            assertEquals("a malformed sha1 and a refused scheme are refused before anything is fetched", 3, http.requests());
        }
        assertEquals(0, PdiskFixture.json(pdisk.get("pdisk", "disks/")).size());
        assertEquals(0, count(pdisk.dir.resolve("volumes")));
        assertEquals(0, count(pdisk.dir.resolve("cache")));
    }

    @Test
    public void gzipUploadThenGzipDownloadRoundTrips() throws Exception {
        byte[] image = randomImage(1 << 20);
        String boundary = "----pdisk" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"Image File\"; filename=\"disk.img.gz\"\r\n"
                + "Content-Type: application/x-gzip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(gzipBytes(image));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest upload = pdisk.request("alice", "disks/").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        HttpResponse<String> r = pdisk.send(upload);
        assertEquals(r.body(), 303, r.statusCode());
        String location = r.headers().firstValue("Location").orElseThrow();
        String uuid = location.substring(location.lastIndexOf('/') + 1);
        JsonNode d = PdiskFixture.json(pdisk.get("alice", "disks/" + uuid));
        assertEquals("DATA_IMAGE_RAW_READONLY", d.get("type").asText());
        assertEquals(MarketplaceIdentifier.fromSha1(sha1(image)), d.get("identifier").asText());
        assertEquals("1", d.get("size").asText());
        assertTrue(pdisk.server.services().disks().find(uuid).orElseThrow().seed());

        assertMessage(pdisk.send(upload), 403, "Disk already registered");

        HttpResponse<InputStream> dl = pdisk.http.send(pdisk.request("alice", "disks/" + uuid).setHeader("Accept", "application/x-gzip")
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, dl.statusCode());
        assertEquals("application/x-gzip", dl.headers().firstValue("Content-Type").orElse(""));
        assertTrue(dl.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
        try (InputStream in = new GZIPInputStream(dl.body())) {
            assertArrayEquals(image, in.readNBytes(image.length));
            byte[] rest = in.readAllBytes();
            assertEquals((1L << 30) - image.length, rest.length);
            byte[] zeros = new byte[rest.length];
            assertTrue(Arrays.equals(zeros, rest));
        }
        assertEquals(403, pdisk.send(pdisk.request("bob", "disks/" + uuid).setHeader("Accept", "application/x-gzip").GET().build())
                .statusCode());
    }

    @Test
    public void uploadFileNameIsNeverUsedAsAPath() throws Exception {
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"Image File\"; filename=\"../../../escape.img\"\r\n\r\n"
                + "some image bytes\r\n--" + boundary + "--\r\n";
        HttpResponse<String> r = pdisk.send(pdisk.request("alice", "disks/").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(303, r.statusCode());
        try (Stream<Path> all = Files.walk(pdisk.dir)) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().equals("escape.img")));
        }
        for (Path up = pdisk.dir.resolve("cache"); up != null; up = up.getParent()) {
            assertFalse(up.toString(), Files.exists(up.resolve("escape.img")));
        }
        assertEquals(1, count(pdisk.dir.resolve("volumes")));
    }

    @Test
    public void emptyUploadIs400AndStoresNothing() throws Exception {
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"Image File\"; filename=\"empty.img\"\r\n\r\n\r\n--"
                + boundary + "--\r\n";
        assertMessage(pdisk.send(pdisk.request("alice", "disks/").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()), 400, "empty file uploaded");
        assertEquals(0, PdiskFixture.json(pdisk.get("pdisk", "disks/")).size());
        assertEquals(0, count(pdisk.dir.resolve("volumes")));
    }

    private static long count(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }
}
