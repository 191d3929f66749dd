package eu.stratuslab.pdisk.http;

import static eu.stratuslab.pdisk.http.UrlImportTest.enc;
import static eu.stratuslab.pdisk.http.UrlImportTest.randomImage;
import static eu.stratuslab.pdisk.http.UrlImportTest.sha1Hex;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;

import eu.stratuslab.pdisk.support.ImageHttpServer;
import eu.stratuslab.pdisk.support.PdiskFixture;

/**
 * The timeouts: a stalled transfer is resumed after the read (inactivity) timeout, a server that
 * stays silent and one that never completes the TCP handshake are named in the message.
 */
public class UrlImportTimeoutTest {

    @Rule
    public final PdiskFixture pdisk = new PdiskFixture()
            .withConfig(c -> c.withUrlTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1)));

    @Test
    public void aStalledTransferIsResumedAfterTheReadTimeout() throws Exception {
        byte[] image = randomImage(2 << 20);
        try (ImageHttpServer http = new ImageHttpServer(image).stallFirstTransferAfter(1 << 20)) {
            String uuid = pdisk.create("pdisk", "size=1&url=" + enc(http.url("image.img")) + "&sha1=" + sha1Hex(image));
            assertArrayEquals(image, pdisk.volumePrefix(uuid, image.length));
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

    @Test
    public void aServerThatNeverAcceptsGivesAClearMessage() throws Exception {
        // a listening socket whose accept queue is full: the kernel drops further SYNs
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> queued = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(full.getLocalSocketAddress(), 200);
                        queued.add(s);
                    } catch (SocketTimeoutException e) {
                        s.close();
                        break; // the queue is full now
                    }
                }
                String url = "http://127.0.0.1:" + full.getLocalPort() + "/image.img";
                HttpResponse<String> r = pdisk.postForm("pdisk", "disks/", "size=1&url=" + enc(url));
                assertEquals(r.body(), 400, r.statusCode());
                assertEquals("error initializing disk contents from " + url
                        + ": no connection to 127.0.0.1 within 1 s (connect timeout, disk.store.url.connect_timeout)",
                        PdiskFixture.json(r).get("message").asText());
            } finally {
                for (Socket s : queued) {
                    s.close();
                }
            }
        }
        assertEquals(0, PdiskFixture.json(pdisk.get("pdisk", "disks/")).size());
    }
}
