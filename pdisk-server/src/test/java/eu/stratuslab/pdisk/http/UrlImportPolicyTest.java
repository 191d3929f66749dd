package eu.stratuslab.pdisk.http;

import static eu.stratuslab.pdisk.http.DiskApiTest.assertMessage;
import static eu.stratuslab.pdisk.http.UrlImportTest.enc;
import static eu.stratuslab.pdisk.http.UrlImportTest.randomImage;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.Test;

import eu.stratuslab.pdisk.support.ImageHttpServer;
import eu.stratuslab.pdisk.support.OnAPdisk;
import eu.stratuslab.pdisk.support.PdiskFixture;

/**
 * No server-side request forgery through {@code POST /disks/ url=}: an ordinary user cannot make
 * pdisk fetch from loopback (or any non-public address), not even through a redirect; the
 * superuser (the cloud's own hooks) can. Redirects are followed at most 5 times.
 */
public class UrlImportPolicyTest extends OnAPdisk {
    private long volumes() throws IOException {
        Path dir = pdisk.dir.resolve("volumes");
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    /**
     * {@code user}'s import of {@code http}'s image (on 127.0.0.1) with the further form fields
     * {@code fields} is refused by the site's policy, naming the setting, before the server is contacted.
     * @return the URL of the image
     */
    private String assertLoopbackRefused(ImageHttpServer http, String user, String fields) throws Exception {
        String url = http.url("image.img");
        assertMessage(pdisk.postForm(user, "disks/", "size=1&" + fields + "url=" + enc(url)), 403,
                "error initializing disk contents from " + url + ": URL import from 127.0.0.1 is not allowed: "
                        + "loopback address (the site's allow list is disk.store.url.allow)");
        assertEquals("the server was never contacted", 0, http.requests());
        return url;
    }

    @Test
    public void anOrdinaryUserCannotImportFromLoopbackButTheSuperuserCan() throws Exception {
        byte[] image = randomImage(1 << 20);
        try (ImageHttpServer http = new ImageHttpServer(image)) {
            String url = assertLoopbackRefused(http, "alice", "");
            String localhostUrl = url.replace("127.0.0.1", "localhost");
            assertEquals(403, pdisk.postForm("alice", "disks/", "size=1&url=" + enc(localhostUrl)).statusCode());
            assertEquals("the server was never contacted", 0, http.requests());
            assertEquals(0, PdiskFixture.json(pdisk.get("pdisk", "disks/")).size());
            assertEquals(0, volumes());

            String uuid = pdisk.create("pdisk", "size=1&url=" + enc(url));
            assertArrayEquals(image, pdisk.volumePrefix(uuid, image.length));
        }
    }

    @Test
    public void theSuperuserCanAskForTheUserPolicyOnBehalfOfAUser() throws Exception {
        // issue 13 item 2: the hooks import the image location of a marketplace a user named
        byte[] image = randomImage(1 << 20);
        try (ImageHttpServer http = new ImageHttpServer(image)) {
            String url = assertLoopbackRefused(http, "pdisk", "url_policy=user&");
            assertEquals(0, volumes());
            assertMessage(pdisk.postForm("pdisk", "disks/", "size=1&url_policy=any&url=" + enc(url)), 400,
                    "Invalid value for form element url_policy: any (only 'user')");
        }
    }

    @Test
    public void redirectsAreFollowedUpToFive() throws Exception {
        byte[] image = randomImage(1 << 20);
        try (ImageHttpServer http = new ImageHttpServer(image)) {
            for (int i = 1; i <= 6; i++) {
                http.redirect("/hop" + i, i == 1 ? http.url("image.img") : "/hop" + (i - 1));
            }
            String five = pdisk.create("pdisk", "size=1&url=" + enc(http.url("hop5")));
            assertArrayEquals(image, pdisk.volumePrefix(five, image.length));
            int before = http.requests();
            assertMessage(pdisk.postForm("pdisk", "disks/", "size=1&url=" + enc(http.url("hop6"))), 403,
                    "error initializing disk contents from " + http.url("hop6") + ": more than 5 redirects");
            assertEquals(6, http.requests() - before);
            assertEquals(1, PdiskFixture.json(pdisk.get("pdisk", "disks/")).size());
            assertEquals(1, volumes());
        }
    }
}
