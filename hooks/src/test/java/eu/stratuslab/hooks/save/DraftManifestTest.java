package eu.stratuslab.hooks.save;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.marketplace.manifest.ManifestEntry;
import eu.stratuslab.marketplace.manifest.ManifestNamespaces;
import eu.stratuslab.marketplace.manifest.ManifestSigner;
import eu.stratuslab.template.Template;
import eu.stratuslab.template.VectorAttribute;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** hooks.md §4.2 step 6: every field of the table, and everything else copied from the origin entry. */
public class DraftManifestTest {
    private static final Instant NOW = Instant.parse("2026-12-04T10:11:12Z");
    private static final String NEW_ID = "Nyuwnr8SOXWilAOWhWTELpytQKS";
    private static final String NEW_SHA1 = "dcaec27afc48e5d68a500e5a159310ba72b50292";

    private static ManifestEntry origin() throws Exception {
        ManifestEntry e = ManifestEntry.newEntry("BN1EEkPiBx87_uLj2-sdybSI-Xb")
                .withBytes(2147483648L)
                .withSha1("137510490f881c7ceffb8b8f6fac7726d223e5db")
                .withCreated(Instant.parse("2014-06-12T10:11:12Z"))
                .withEndorserEmail("jane@example.org")
                .withValid(Instant.parse("2014-12-12T10:11:12Z"))
                .withTitle("ttylinux").withDescription("Minimal Linux image for tests").withCreator("Jane Tester")
                .withPublisher("Example Lab").withFormat("raw").withCompression("gz").withOs("ttylinux")
                .withOsArch("x86_64").withOsVersion("9.7").withVersion("1.0").withDisksBus("virtio")
                .withInboundPorts(List.of("22", "80"))
                .withLocations(List.of("http://images.example.org/a.img.gz", "http://mirror.example.org/a.img.gz"));
        // a second checksum algorithm, which the draft must drop
        String xml = new String(e.toXml(), java.nio.charset.StandardCharsets.UTF_8).replace("</slreq:checksum>",
                "</slreq:checksum><slreq:checksum><slreq:algorithm>MD5</slreq:algorithm>"
                        + "<slreq:value>0123456789abcdef0123456789abcdef</slreq:value></slreq:checksum>");
        ManifestEntry withMd5 = ManifestEntry.parse(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(2, withMd5.checksums().size());
        // and signed, as entries served by a marketplace are
        return new ManifestSigner(ManifestSigner.throwAwayCertificate("Origin", "origin@example.org", 1)).sign(withMd5);
    }

    private static SaveRequest request(Map<String, String> createImage) {
        return new SaveRequest("https://mp.example.org/metadata/BN1EEkPiBx87_uLj2-sdybSI-Xb", createImage);
    }

    private static ManifestEntry draft(ManifestEntry origin, SaveRequest request) {
        return DraftManifest.build(origin, request,
                new DraftManifest.SavedImage(NEW_ID, NEW_SHA1, 1073741824L, "pdisk:pdisk.example.org:443:0f3c-uuid"),
                NOW, 2);
    }

    @Test
    public void everyFieldOfTheTableIsSetAndTheRestIsCopied() throws Exception {
        ManifestEntry origin = origin();
        ManifestEntry d = draft(origin, request(Map.of(
                "CREATOR_EMAIL", "alice@example.org", "CREATOR_NAME", "Alice A", "NEWIMAGE_TITLE", "My image",
                "NEWIMAGE_COMMENT", "saved image", "NEWIMAGE_VERSION", "3.7")));

        assertEquals(NEW_ID, d.identifier().orElseThrow());
        assertEquals("only the new SHA-1 is left", Map.of("SHA-1", NEW_SHA1), d.checksums());
        assertEquals("Alice A", d.creator().orElseThrow());
        assertEquals("3.7", d.version().orElseThrow());
        assertEquals("My image", d.title().orElseThrow());
        assertEquals("saved image", d.description().orElseThrow());
        assertEquals(List.of("pdisk:pdisk.example.org:443:0f3c-uuid"), d.locations());
        assertEquals(NOW.plus(Duration.ofDays(2)), d.valid().orElseThrow());
        assertEquals(NOW, d.created().orElseThrow());
        assertEquals("the size the SHA-1 covers", 1073741824L, d.bytes().getAsLong());

        assertEquals("jane@example.org", d.endorserEmail().orElseThrow());
        assertEquals("Example Lab", d.publisher().orElseThrow());
        assertEquals("raw", d.format().orElseThrow());
        assertEquals("gz", d.compression().orElseThrow());
        assertEquals("ttylinux", d.os().orElseThrow());
        assertEquals("x86_64", d.osArch().orElseThrow());
        assertEquals("9.7", d.osVersion().orElseThrow());
        assertEquals("virtio", d.disksBus().orElseThrow());
        assertEquals(List.of("22", "80"), d.inboundPorts());
        assertEquals("machine", d.type().orElseThrow());
        assertEquals(List.of(), d.missingRequired());
        assertFalse("the origin's signature is not carried over", d.isSigned());
        assertTrue(origin.isSigned());
    }

    @Test
    public void missingMetadataIsEmptyAndTheVersionGetsItsMinorIncremented() throws Exception {
        ManifestEntry d = draft(origin(), request(Map.of()));
        assertEquals("", d.creator().orElseThrow());
        assertEquals("", d.title().orElseThrow());
        assertEquals("", d.description().orElseThrow());
        assertEquals("1.1", d.version().orElseThrow());
        assertEquals(NEW_ID, d.text(ManifestNamespaces.DCTERMS, "identifier").orElseThrow());
    }

    @Test
    public void versionIncrement() {
        assertEquals("1.1", DraftManifest.nextVersion("1.0"));
        assertEquals("2.10", DraftManifest.nextVersion("2.9"));
        assertEquals("1.1", DraftManifest.nextVersion("1"));
        assertEquals("beta.1", DraftManifest.nextVersion("beta"));
        assertEquals("1.x.1", DraftManifest.nextVersion("1.x"));
        assertEquals("1.0.3.1", DraftManifest.nextVersion("1.0.3"));
        assertEquals("0.1", DraftManifest.nextVersion(""));
        assertEquals("7.100000000000000000000", DraftManifest.nextVersion("7.99999999999999999999"));
    }

    @Test
    public void theRequestIsDiskZeroWithSaveYesInAnyCase() {
        Template t = new Template();
        VectorAttribute root = new VectorAttribute("DISK");
        root.put("DISK_ID", "0");
        root.put("SOURCE", "https://mp.example.org/metadata/BN1EEkPiBx87_uLj2-sdybSI-Xb");
        root.put("SAVE", "no");
        VectorAttribute other = new VectorAttribute("DISK");
        other.put("DISK_ID", "1");
        other.put("SAVE", "yes");
        t.add(root);
        t.add(other);
        assertTrue("SAVE=yes on another disk is ignored", SaveRequest.of(t).isEmpty());

        root.put("SAVE", "YeS");
        VectorAttribute create = new VectorAttribute("CREATE_IMAGE");
        create.put("creator_name", "Alice A");
        t.add(create);
        SaveRequest r = SaveRequest.of(t).orElseThrow();
        assertEquals("https://mp.example.org/metadata/BN1EEkPiBx87_uLj2-sdybSI-Xb", r.rootSource());
        assertEquals("Alice A", r.value(SaveRequest.CREATOR_NAME));
        assertEquals("", r.value(SaveRequest.CREATOR_EMAIL));
    }
}
