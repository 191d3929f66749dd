package eu.stratuslab.pdisk.http;

import static eu.stratuslab.pdisk.http.DiskApiTest.assertMessage;
import static eu.stratuslab.pdisk.http.UrlImportTest.enc;
import static eu.stratuslab.pdisk.http.UrlImportTest.randomImage;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.Rule;
import org.junit.Test;

import eu.stratuslab.pdisk.support.ImageHttpServer;
import eu.stratuslab.pdisk.support.PdiskFixture;

/**
 * The site's allow list ({@code disk.store.url.allow}) admits its own marketplace for ordinary
 * users — here 127.0.0.1/32 — and every redirect is checked again: one to another loopback
 * address is refused before it is contacted, and nothing is left behind.
 */
public class UrlAllowListTest {

    @Rule
    public final PdiskFixture pdisk = new PdiskFixture().withConfig(c -> c.withUrlAllowList(List.of("127.0.0.1/32")));

    @Test
    public void anAllowedAddressWorksAndARedirectElsewhereIsRefused() throws Exception {
        byte[] image = randomImage(1 << 20);
        try (ImageHttpServer http = new ImageHttpServer(image)) {
            String uuid = pdisk.create("alice", "size=1&url=" + enc(http.url("image.img")));
            assertArrayEquals(image, pdisk.volumePrefix(uuid, image.length));
            String elsewhere = "http://127.0.0.2:" + http.port() + "/image.img";
            http.redirect("/moved", elsewhere);
            int before = http.requests();
            assertMessage(pdisk.postForm("alice", "disks/", "size=1&url=" + enc(http.url("moved"))), 403,
                    "error initializing disk contents from " + http.url("moved") + ": URL import from 127.0.0.2 is not allowed: "
                            + "loopback address (the site's allow list is disk.store.url.allow)");
            assertEquals("only the redirect itself was requested", 1, http.requests() - before);
            assertEquals(List.of(uuid), DiskApiTest.uuids(pdisk.get("pdisk", "disks/")));
            try (Stream<Path> volumes = Files.list(pdisk.dir.resolve("volumes"))) {
                assertEquals(1, volumes.count());
            }
        }
    }
}
