package eu.stratuslab.pdisk.http;

import static eu.stratuslab.pdisk.http.DiskApiTest.assertMessage;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.Test;

import eu.stratuslab.pdisk.support.ImageHttpServer;
import eu.stratuslab.pdisk.support.OnAPdisk;
import eu.stratuslab.pdisk.support.PdiskFixture;

/**
 * Create from URL (pdisk-api.md §5.2) as one streamed pass: body → decompression → volume, with
 * no temporary file; gzip and bzip2; resume only with 206; the volume size caps the content.
 * The importing user is the superuser (loopback server); the policy is UrlImportPolicyTest's.
 */
public class UrlImportTest extends OnAPdisk {

    private static final String SUPERUSER = "pdisk";
    static byte[] randomImage(int size) {
        byte[] b = new byte[size];
        new Random(7).nextBytes(b);
        return b;
    }

    static String sha1Hex(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static byte[] bzip2(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BZip2CompressorOutputStream bz = new BZip2CompressorOutputStream(out)) {
            bz.write(data);
        }
        return out.toByteArray();
    }

    static byte[] gzipBytes(byte[] data) throws IOException {
        return gzip(data);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }


    private String onlyVolume() throws IOException {
        try (Stream<Path> s = Files.list(pdisk.dir.resolve("volumes"))) {
            return s.map(p -> p.getFileName().toString()).reduce((a, b) -> {
                throw new AssertionError("more than one volume: " + a + ", " + b);
            }).orElse(null);
        }
    }

    private static long count(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    private void assertNothingLeft() throws IOException {
        assertEquals(0, PdiskFixture.json(pdisk.get(SUPERUSER, "disks/")).size());
        assertEquals(0, count(pdisk.dir.resolve("volumes")));
        assertEquals(0, count(pdisk.dir.resolve("cache")));
    }

    @Test
    public void theBodyReachesTheVolumeWhileItIsStillArriving() throws Exception {
        byte[] image = randomImage(4 << 20);
        int firstPart = 2 << 20;
        byte[] prefix = java.util.Arrays.copyOf(image, 1 << 20);
        AtomicBoolean cacheEmptyMidway = new AtomicBoolean();
        try (ImageHttpServer http = new ImageHttpServer(image)) {
            // the server sends half the image and goes on only once that half is on the volume:
            // download-then-copy would never get there (the transfer is abandoned after 30 s)
            http.pauseFirstTransferAfter(firstPart, () -> {
                try {
                    String uuid = onlyVolume();
                    if (uuid != null && java.util.Arrays.equals(prefix, pdisk.volumePrefix(uuid, prefix.length))) {
                        cacheEmptyMidway.set(count(pdisk.dir.resolve("cache")) == 0);
                        return true;
                    }
                    return false;
                } catch (IOException e) {
                    return false;
                }
            });
            String uuid = pdisk.create(SUPERUSER, "size=1&url=" + enc(http.url("image.img")) + "&bytes=" + image.length
                    + "&sha1=" + sha1Hex(image));
            assertEquals(Boolean.TRUE, http.pauseConditionMet());
            assertTrue("no temporary file while streaming", cacheEmptyMidway.get());
            assertArrayEquals(image, pdisk.volumePrefix(uuid, image.length));
            assertEquals("one request, no second pass", 1, http.requests());
        }
    }

    @Test
    public void bzip2AndGzipAreRecognisedByNameOrMagic() throws Exception {
        byte[] image = randomImage(1 << 20);
        String sha1 = sha1Hex(image);
        for (byte[] served : new byte[][] {bzip2(image), gzip(image)}) {
            try (ImageHttpServer http = new ImageHttpServer(served)) {
                String name = served[0] == 'B' ? "image.img.bz2" : "image.img.gz";
                for (String url : new String[] {http.url(name), http.url("image-without-suffix")}) {
                    String uuid = pdisk.create(SUPERUSER, "size=1&url=" + enc(url) + "&bytes=" + image.length + "&sha1=" + sha1);
                    assertArrayEquals(url, image, pdisk.volumePrefix(uuid, image.length));
                    assertEquals(200, pdisk.delete(SUPERUSER, "disks/" + uuid).statusCode());
                }
            }
        }
    }

    @Test
    public void aServerThatCannotResumeEndsTheImportAndLeavesNothing() throws Exception {
        byte[] image = randomImage(2 << 20);
        try (ImageHttpServer http = new ImageHttpServer(image).breakFirstTransferAfter(1 << 20).ignoreRange()) {
            HttpResponse<String> r = pdisk.postForm(SUPERUSER, "disks/", "size=1&url=" + enc(http.url("image.img")));
            assertEquals(r.body(), 400, r.statusCode());
            String message = PdiskFixture.json(r).get("message").asText();
            assertTrue(message, message.startsWith("error initializing disk contents from " + http.url("image.img") + ": "));
            assertTrue(message, message.contains("HTTP 200 instead of 206 to a Range request"));
            assertEquals(2, http.requests());
            assertEquals(1, http.rangeHeaders().size());
        }
        assertNothingLeft();
    }

    @Test
    public void anAnnouncedLengthBeyondTheVolumeIsRefusedBeforeReading() throws Exception {
        try (ImageHttpServer http = new ImageHttpServer(new byte[0]).announceLength(3L << 30)) {
            HttpResponse<String> r = pdisk.postForm(SUPERUSER, "disks/", "size=1&url=" + enc(http.url("image.img")));
            assertEquals(r.body(), 400, r.statusCode());
            assertTrue(r.body(), PdiskFixture.json(r).get("message").asText().contains("larger than the volume"));
        }
        assertNothingLeft();
    }

    @Test
    public void decompressedContentBeyondTheVolumeIsRefused() throws Exception {
        // 1 GiB + 1 byte of zeros, gzip-compressed to about 1 MiB, for a 1 GiB volume
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(compressed, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 1024; i++) {
                gz.write(zeros);
            }
            gz.write(0);
        }
        try (ImageHttpServer http = new ImageHttpServer(compressed.toByteArray())) {
            assertMessage(pdisk.postForm(SUPERUSER, "disks/", "size=1&url=" + enc(http.url("image.img.gz"))), 400,
                    "error initializing disk contents from " + http.url("image.img.gz")
                            + ": the content is larger than the volume (1073741824 bytes)");
        }
        assertNothingLeft();
    }
}
