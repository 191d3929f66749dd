package eu.stratuslab.pdisk.http;

import static eu.stratuslab.pdisk.http.UrlImportTest.enc;
import static eu.stratuslab.pdisk.http.UrlImportTest.randomImage;
import static eu.stratuslab.pdisk.http.UrlImportTest.sha1Hex;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

import org.junit.Rule;
import org.junit.Test;

import eu.stratuslab.pdisk.support.ImageHttpServer;
import eu.stratuslab.pdisk.support.PdiskFixture;

/** The read (inactivity) timeout: a silent server is resumed, and a server that stays silent is named. */
public class UrlImportTimeoutTest {

    @Rule
    public final PdiskFixture pdisk = new PdiskFixture()
            .withConfig(c -> c.withUrlTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(1)));

    @Test
    public void aStalledTransferIsResumedAfterTheReadTimeout() throws Exception {
        byte[] image = randomImage(2 << 20);
        try (ImageHttpServer http = new ImageHttpServer(image).stallFirstTransferAfter(1 << 20)) {
            String uuid = pdisk.create("pdisk", "size=1&url=" + enc(http.url("image.img")) + "&sha1=" + sha1Hex(image));
            try (InputStream in = Files.newInputStream(pdisk.volume(uuid))) {
                assertArrayEquals(image, in.readNBytes(image.length));
            }
            assertEquals(1, http.rangeHeaders().size());
        }
    }

    @Test
    public void aServerThatNeverAnswersGivesAClearMessage() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            // accepts the connection (the kernel does) and never says anything
            String url = "http://127.0.0.1:" + silent.getLocalPort() + "/image.img";
            HttpResponse<String> r = pdisk.postForm("pdisk", "disks/", "size=1&url=" + enc(url));
            assertEquals(r.body(), 400, r.statusCode());
            String message = PdiskFixture.json(r).get("message").asText();
            assertEquals("error initializing disk contents from " + url
                    + ": no data from 127.0.0.1 for 1 s (read timeout, disk.store.url.read_timeout)", message);
        }
        assertEquals(0, PdiskFixture.json(pdisk.get("pdisk", "disks/")).size());
    }
}
