package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import eu.stratuslab.marketplace.manifest.ImageIdentifier;
import eu.stratuslab.marketplace.manifest.Manifest;
import eu.stratuslab.marketplace.manifest.ManifestEntry;
import eu.stratuslab.marketplace.manifest.ManifestSigner;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.Test;

/**
 * Issue 10 item 5 on the cloud as {@code ./stratuslab up} starts it (test:///default host, embedded
 * pdisk and marketplace) with a real SMTP server on loopback: the demo user's VM started from the
 * published image with {@code SAVE = yes} and {@code CREATE_IMAGE} is shut down, which leaves a new
 * {@code MACHINE_IMAGE_ORIGIN} owned by the user, a signed manifest on the marketplace, the mail and
 * the {@code MARKETPLACE_AND_IMAGEID} log line; the new id then runs from the cache. A save whose
 * upload fails fails the VM and loses nothing.
 */
public class SaveAsNewImageTest extends OnACloudSite {
    private static final Pattern LOG_LINE = Pattern.compile("MARKETPLACE_AND_IMAGEID (\\S+) ([A-Za-z0-9_-]{27})$");

    private GreenMail smtp;
    private MarketplaceCloud cloud;
    private String imageId;
    private String marketplace;
    private HttpClient http;

    @Before
    public void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        site.closeAtEnd(smtp::stop);
        smtp.start();
        http = HttpClient.newBuilder().sslContext(ReadinessCheck.trustAnyCertificate())
                .connectTimeout(Duration.ofSeconds(10)).build();
        Path home = site.home("cloud");
        Files.writeString(home.resolve("etc/stratuslab/stratuslab.cfg"), "[default]\n"
                + "built_image_validity_period = 3\nsave_image_reply_to_email = images@cloud.example.org\n"
                + "smtp_host = 127.0.0.1\nsmtp_port = " + smtp.getSmtp().getPort() + "\n");
        cloud = site.marketplaceCloud(home, "");
        String[] line = CloudSite.publishedImageLine(home);
        imageId = line[0];
        marketplace = cloud.launcher.endpoints().get("marketplace");
    }

    private static String saveTemplate(String source, String newImageMarketplace) {
        return "CPU = 0.5\nMEMORY = 64\nDISK = [ SOURCE = \"" + source + "\", TARGET = \"vda\", SAVE = \"yes\" ]\n" + CloudSite.PUBLIC_NIC
                + "CREATE_IMAGE = [ CREATOR_EMAIL = \"alice@example.org\", CREATOR_NAME = \"Alice A\","
                + " NEWIMAGE_TITLE = \"My image\", NEWIMAGE_COMMENT = \"saved image\","
                + " NEWIMAGE_MARKETPLACE = \"" + newImageMarketplace + "\" ]\n";
    }

    private Path vmLog(int id) {
        return cloud.home.resolve("var/lib/one/log/" + id + ".log");
    }

    private List<JsonNode> disks(String type) throws Exception {
        return cloud.pdiskDisks().stream().filter(d -> type.equals(d.get("type").asText())).toList();
    }

    /** The bytes of a pdisk volume as the file backend stores them, hashed here independently of the hooks. */
    private String sha1OfVolumeFile(String uuid) throws Exception {
        Path file;
        try (Stream<Path> walk = Files.walk(cloud.home.resolve("var/lib/stratuslab/pdisk"))) {
            file = walk.filter(p -> p.getFileName().toString().equals(uuid) && Files.isRegularFile(p)).findFirst()
                    .orElseThrow(() -> new AssertionError("no volume file " + uuid));
        }
        return sha1Of(file);
    }

    private static String sha1Of(Path file) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                sha1.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha1.digest());
    }

    @Test
    public void shutdownSavesTheRootDiskAsANewImageThatItsOwnerRunsFromTheCache() throws Exception {
        int vm = cloud.allocate(saveTemplate(marketplace + "/metadata/" + imageId, ""));
        cloud.await(vm, 3, Duration.ofSeconds(90));
        String snapshot = disks("MACHINE_IMAGE_LIVE").get(0).get("uuid").asText();
        cloud.action("shutdown", vm);
        cloud.await(vm, 6, Duration.ofSeconds(120));

        // the log line
        String line = Files.readAllLines(vmLog(vm)).stream().filter(l -> l.contains("MARKETPLACE_AND_IMAGEID"))
                .findFirst().orElseThrow(() -> new AssertionError("no MARKETPLACE_AND_IMAGEID line in " + vmLog(vm)));
        Matcher m = LOG_LINE.matcher(line);
        assertTrue(line, m.find());
        assertEquals("uploaded to marketplace_endpoint_local (the embedded marketplace)", marketplace, m.group(1));
        String newId = m.group(2);
        assertNotEquals(imageId, newId);

        // the new origin in pdisk, owned by the user; the snapshot it came from quarantined
        List<JsonNode> saved = disks("MACHINE_IMAGE_ORIGIN").stream()
                .filter(d -> newId.equals(d.get("identifier").asText())).toList();
        assertEquals(cloud.pdiskDisks().toString(), 1, saved.size());
        JsonNode origin = saved.get(0);
        String uuid = origin.get("uuid").asText();
        assertEquals("demo", origin.get("owner").asText());
        assertEquals("My image", origin.get("tag").asText());
        assertFalse(origin.has("quarantine"));
        String sha1 = sha1OfVolumeFile(uuid);
        assertEquals("the identifier is the one of the volume's SHA-1", ImageIdentifier.fromSha1Hex(sha1), newId);
        JsonNode live = cloud.pdiskDisks().stream().filter(d -> snapshot.equals(d.get("uuid").asText())).findFirst()
                .orElseThrow();
        assertTrue("the VM's own snapshot went to quarantine: " + live, live.has("quarantine"));

        // the marketplace serves its signed manifest
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(marketplace + "/metadata/" + newId))
                .header("Accept", "application/xml").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        List<ManifestEntry> entries = Manifest.parse(r.body()).entries();
        assertEquals(1, entries.size());
        ManifestEntry entry = entries.get(0);
        X509Certificate signer = ManifestSigner.verify(entry);
        assertTrue(signer.getSubjectX500Principal().getName(), signer.getSubjectX500Principal().getName()
                .contains("CN=Jane Tester"));
        assertEquals(newId, entry.identifier().orElseThrow());
        assertEquals(sha1, entry.sha1().orElseThrow());
        assertEquals("Alice A", entry.creator().orElseThrow());
        assertEquals("My image", entry.title().orElseThrow());
        assertEquals("saved image", entry.description().orElseThrow());
        assertEquals("the local image is 1.0", "1.1", entry.version().orElseThrow());
        URI pdisk = URI.create(cloud.launcher.endpoints().get("pdisk"));
        assertEquals(List.of("pdisk:" + pdisk.getHost() + ":" + pdisk.getPort() + ":" + uuid), entry.locations());
        Instant valid = entry.valid().orElseThrow();
        Instant created = entry.created().orElseThrow();
        assertEquals(Duration.ofDays(3), Duration.between(created, valid));
        assertTrue(Duration.between(created, Instant.now()).abs().compareTo(Duration.ofMinutes(5)) < 0);

        // the mail, through the SMTP server on loopback
        assertTrue("a mail within 30 s", smtp.waitForIncomingEmail(30_000, 1));
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertEquals("New image created " + newId, mail.getSubject());
        assertEquals("images@cloud.example.org", ((InternetAddress) mail.getFrom()[0]).getAddress());
        assertEquals("alice@example.org", ((InternetAddress) mail.getAllRecipients()[0]).getAddress());
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        String body = (String) parts.getBodyPart(0).getContent();
        assertTrue(body, body.contains(pdisk + "/pswd/disks/" + uuid));
        try (InputStream in = parts.getBodyPart(1).getInputStream()) {
            ManifestEntry attached = ManifestEntry.parse(in.readAllBytes());
            assertFalse("the attachment is the unsigned draft", attached.isSigned());
            assertEquals(newId, attached.identifier().orElseThrow());
        }
        // the VM directory went to the quarantine location (hooks.md §5.1) without the save's temporary files
        Path vmDir = cloud.home.resolve("var/lib/one/quarantine/" + vm);
        try (Stream<Path> left = Files.list(Files.isDirectory(vmDir) ? vmDir : cloud.home.resolve("var/lib/one/" + vm))) {
            assertTrue("temporary files removed", left.noneMatch(p -> p.getFileName().toString().startsWith("save-")));
        }

        // the owner runs the new image by its id: a cache hit on the new origin, nothing downloaded
        int again = cloud.allocate("CPU = 0.5\nMEMORY = 64\nDISK = [ SOURCE = \"" + newId + "\", TARGET = \"vda\" ]\n" + CloudSite.PUBLIC_NIC);
        cloud.await(again, 3, Duration.ofSeconds(90));
        assertTrue(Files.readString(vmLog(again)).contains("image " + newId + " found in the cache: origin " + uuid));
        assertEquals(1, disks("MACHINE_IMAGE_ORIGIN").stream().filter(d -> newId.equals(d.get("identifier").asText()))
                .count());
        JsonNode copy = disks("MACHINE_IMAGE_LIVE").stream()
                .filter(d -> ("snapshot:" + uuid).equals(d.get("identifier").asText())).findFirst().orElseThrow();
        assertEquals("demo", copy.get("owner").asText());
    }


    private String imageInfo(int image) throws Exception {
        List<?> r = (List<?>) cloud.demo.call("one.image.info", "x", image);
        assertEquals(r.toString(), Boolean.TRUE, r.get(0));
        return (String) r.get(1);
    }

    /** one.vm.savedisk as OpenNebula 3.2: SOURCE "-" and LOCKED, the disk copied at the epilog, then READY. */
    @Test
    public void savediskCopiesTheDiskAtTheEpilogAndFinalizeLeavesTheImageInError() throws Exception {
        String plain = "CPU = 0.5\nMEMORY = 64\nDISK = [ SOURCE = \"" + imageId + "\", TARGET = \"vda\" ]\n" + CloudSite.PUBLIC_NIC;
        int vm = cloud.allocate(plain);
        cloud.await(vm, 3, Duration.ofSeconds(90));
        List<?> r = (List<?>) cloud.demo.call("one.vm.savedisk", "x", vm, 0, "my-disk", "");
        assertEquals(r.toString(), Boolean.TRUE, r.get(0));
        int image = (Integer) r.get(1);
        String before = imageInfo(image);
        assertEquals("-", MarketplaceCloud.element(before, "SOURCE"));
        assertEquals("LOCKED", "4", MarketplaceCloud.element(before, "STATE"));
        String source = MarketplaceCloud.element(cloud.info(vm), "SAVE_AS_SOURCE");
        assertEquals(Integer.toString(image), MarketplaceCloud.element(cloud.info(vm), "SAVE_AS"));

        cloud.action("shutdown", vm);
        cloud.await(vm, 6, Duration.ofSeconds(120));
        String after = imageInfo(image);
        assertEquals("READY", "1", MarketplaceCloud.element(after, "STATE"));
        assertEquals(source, MarketplaceCloud.element(after, "SOURCE"));
        Path saved = Path.of(source);
        assertTrue(saved + " exists", Files.isRegularFile(saved));
        String origin = disks("MACHINE_IMAGE_ORIGIN").stream().filter(d -> imageId.equals(d.get("identifier").asText()))
                .findFirst().orElseThrow().get("uuid").asText();
        assertEquals("the saved file holds the disk's bytes (the untouched image)", sha1OfVolumeFile(origin),
                sha1Of(saved));
        assertFalse("no marketplace save without SAVE=yes", Files.readString(vmLog(vm)).contains("MARKETPLACE_AND_IMAGEID"));

        int dropped = cloud.allocate(plain);
        cloud.await(dropped, 3, Duration.ofSeconds(90));
        List<?> r2 = (List<?>) cloud.demo.call("one.vm.savedisk", "x", dropped, 0, "never-saved", "");
        int never = (Integer) r2.get(1);
        cloud.action("finalize", dropped);
        cloud.await(dropped, 6, Duration.ofSeconds(60));
        assertEquals("ERROR", "5", MarketplaceCloud.element(imageInfo(never), "STATE"));
        assertEquals("-", MarketplaceCloud.element(imageInfo(never), "SOURCE"));
    }


    private HttpResponse<String> pdiskAsSuperuser(String method, String path) throws Exception {
        String password = Files.readAllLines(cloud.home.resolve("credentials.txt")).stream()
                .filter(l -> l.startsWith("pdisk:")).findFirst().orElseThrow().substring("pdisk:".length());
        String basic = java.util.Base64.getEncoder().encodeToString(("pdisk:" + password)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(cloud.launcher.endpoints().get("pdisk") + "/pswd" + path))
                .header("Authorization", "Basic " + basic).header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The state a save leaves when the process dies right after the rebase (volumes detached, the
     * registration file empty, the journal written): the epilog run again takes the root volume and
     * the rebased origin from the journal and finishes the save without a second rebase.
     */
    @Test
    public void anEpilogRunAgainAfterACrashFinishesTheSaveFromItsJournal() throws Exception {
        int vm = cloud.allocate(saveTemplate(marketplace + "/metadata/" + imageId, ""));
        cloud.await(vm, 3, Duration.ofSeconds(90));
        String snapshot = disks("MACHINE_IMAGE_LIVE").get(0).get("uuid").asText();
        Path vmDir = cloud.home.resolve("var/lib/one/" + vm);
        assertEquals(200, pdiskAsSuperuser("DELETE", "/disks/" + snapshot + "/mounts/" + snapshot + "_" + vm
                + "?metadata_only=true").statusCode());
        Files.writeString(vmDir.resolve("pdisk"), "");
        HttpResponse<String> rebase = pdiskAsSuperuser("POST", "/disks/" + snapshot);
        assertEquals(rebase.body(), 200, rebase.statusCode());
        String rebased = new com.fasterxml.jackson.databind.ObjectMapper().readTree(rebase.body()).get("uuid").asText();
        Files.writeString(vmDir.resolve("save.journal"), "root " + snapshot + "\nrebased " + rebased + "\n");

        cloud.action("shutdown", vm);
        cloud.await(vm, 6, Duration.ofSeconds(120));
        List<JsonNode> origins = disks("MACHINE_IMAGE_ORIGIN").stream()
                .filter(d -> !imageId.equals(d.get("identifier").asText())).toList();
        assertEquals("one saved origin: the journalled rebase, " + origins, 1, origins.size());
        assertEquals(rebased, origins.get(0).get("uuid").asText());
        assertEquals("demo", origins.get(0).get("owner").asText());
        assertTrue(Files.readString(vmLog(vm)).contains("MARKETPLACE_AND_IMAGEID " + marketplace + " "
                + origins.get(0).get("identifier").asText()));
        assertFalse("the journal is gone once the save is done", Files.exists(vmDir.resolve("save.journal")));
    }

    @Test
    public void aSaveWhoseUploadFailsFailsTheVmAndKeepsTheSavedVolume() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        int vm = cloud.allocate(saveTemplate(marketplace + "/metadata/" + imageId, "http://127.0.0.1:" + closed));
        cloud.await(vm, 3, Duration.ofSeconds(90));
        String snapshot = disks("MACHINE_IMAGE_LIVE").get(0).get("uuid").asText();
        cloud.action("shutdown", vm);
        cloud.await(vm, 7, Duration.ofSeconds(120));

        String message = MarketplaceCloud.element(cloud.info(vm), "MESSAGE");
        assertTrue(message, message.startsWith("epilog: cannot upload the manifest of the new image "));
        assertTrue(Files.readString(vmLog(vm)).contains("[TM][E]: " + message));
        assertFalse(Files.readString(vmLog(vm)).contains("MARKETPLACE_AND_IMAGEID"));
        List<JsonNode> saved = disks("MACHINE_IMAGE_ORIGIN").stream()
                .filter(d -> !imageId.equals(d.get("identifier").asText())).toList();
        assertEquals("the saved volume is kept", 1, saved.size());
        assertEquals("demo", saved.get(0).get("owner").asText());
        assertEquals(0, smtp.getReceivedMessages().length);

        cloud.action("finalize", vm);
        cloud.await(vm, 6, Duration.ofSeconds(60));
        JsonNode kept = cloud.pdiskDisks().stream().filter(d -> saved.get(0).get("uuid").asText()
                .equals(d.get("uuid").asText())).findFirst().orElseThrow();
        assertFalse("a saved image is never quarantined: " + kept, kept.has("quarantine"));
        assertEquals("demo", kept.get("owner").asText());
        // the finalize's discard quarantines after the VM is DONE: wait for it
        eu.stratuslab.core.testsupport.Await.await("finalize quarantines the snapshot", Duration.ofSeconds(30),
                () -> pdiskDisksOrEmpty().stream().anyMatch(d -> snapshot.equals(d.get("uuid").asText()) && d.has("quarantine")),
                () -> pdiskDisksOrEmpty().toString());
    }

    private List<JsonNode> pdiskDisksOrEmpty() {
        try {
            return cloud.pdiskDisks();
        } catch (Exception e) {
            throw new AssertionError("pdisk listing failed", e);
        }
    }
}
