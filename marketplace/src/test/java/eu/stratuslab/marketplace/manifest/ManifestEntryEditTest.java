package eu.stratuslab.marketplace.manifest;

import static eu.stratuslab.marketplace.manifest.ManifestFixtures.EXAMPLE_ID;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.Test;

/** The draft-manifest changes of hooks.md §4.2 keep everything else of the origin entry. */
public class ManifestEntryEditTest {

    private static final String NEW_ID = "Nyuwnr8SOXWilAOWhWTELpytQKS";
    private static final String NEW_SHA1 = "dcaec27afc48e5d68a500e5a159310ba72b50292";

    @Test
    public void draftChangesReplaceTheirFieldsAndKeepTheRest() throws Exception {
        String origin = ManifestFixtures.exampleText()
                .replace("<slterms:location>", "<slreq:checksum><slreq:algorithm>MD5</slreq:algorithm>"
                        + "<slreq:value>0123456789abcdef0123456789abcdef</slreq:value></slreq:checksum>"
                        + "<x:custom xmlns:x='urn:example:extra' x:a='1'>kept</x:custom>"
                        + "<slterms:location>http://mirror.example.org/second.img.gz</slterms:location><slterms:location>");
        ManifestEntry originEntry = Manifest.parse(origin.getBytes(StandardCharsets.UTF_8)).entries().get(0);
        assertEquals(2, originEntry.checksums().size());
        assertEquals(2, originEntry.locations().size());

        Instant now = Instant.parse("2026-12-04T16:00:00Z");
        ManifestEntry draft = originEntry
                .withIdentifier(NEW_ID)
                .withSha1(NEW_SHA1.toUpperCase())
                .withCreator("Alice Builder")
                .withVersion("1.1")
                .withTitle("my image")
                .withDescription("saved from VM 42")
                .withLocation("pdisk:cloud.example.org:443:8a9ad8a8-7f1c-4bd9-93a6-7b7c8f5b8c7e")
                .withValid(now.plusSeconds(2 * 86400))
                .withCreated(now);

        assertEquals(Optional.of(NEW_ID), draft.identifier());
        assertEquals(Map.of("SHA-1", NEW_SHA1), draft.checksums());
        assertEquals(Optional.of("Alice Builder"), draft.creator());
        assertEquals(Optional.of("1.1"), draft.version());
        assertEquals(Optional.of("my image"), draft.title());
        assertEquals(Optional.of("saved from VM 42"), draft.description());
        assertEquals(List.of("pdisk:cloud.example.org:443:8a9ad8a8-7f1c-4bd9-93a6-7b7c8f5b8c7e"), draft.locations());
        assertEquals(Optional.of(Instant.parse("2026-12-06T16:00:00Z")), draft.valid());
        assertEquals(Optional.of(now), draft.created());
        assertEquals(Optional.of("2026-12-04T16:00:00Z"), draft.createdText());

        // copied from the origin, known or not
        assertEquals(OptionalLong.of(2147483648L), draft.bytes());
        assertEquals(Optional.of("jane@example.org"), draft.endorserEmail());
        assertEquals(Optional.of("Example Lab"), draft.publisher());
        assertEquals(Optional.of("virtio"), draft.disksBus());
        assertEquals(Optional.of("kvm"), draft.text(ManifestNamespaces.SLTERMS, "hypervisor"));
        assertEquals(Optional.of("kept"), draft.text("urn:example:extra", "custom"));
        assertEquals(List.of(), draft.missingRequired());

        // and it survives serialisation
        ManifestEntry reparsed = ManifestEntry.parse(draft.toXml());
        assertEquals(Optional.of("kept"), reparsed.text("urn:example:extra", "custom"));
        assertEquals(Optional.of(NEW_SHA1), reparsed.sha1());

        // the origin is unchanged
        assertEquals(Optional.of(EXAMPLE_ID), originEntry.identifier());
        assertEquals(2, originEntry.locations().size());
    }

    @Test
    public void aNewEntryBecomesCompleteWithItsFields() {
        ManifestEntry fresh = ManifestEntry.newEntry(EXAMPLE_ID);
        assertEquals(Optional.of("machine"), fresh.type());
        assertTrue(fresh.missingRequired().contains("slreq:bytes"));
        ManifestEntry full = fresh.withBytes(1024).withSha1(ManifestFixtures.EXAMPLE_SHA1)
                .withEndorserEmail("admin@example.org").withCreated(Instant.parse("2026-01-01T00:00:00Z"))
                .withValid(Instant.parse("2027-01-01T00:00:00Z")).withDescription("d").withCompression("none")
                .withOs("linux").withOsArch("x86_64").withOsVersion("1").withVersion("1.0")
                .withInboundPorts(List.of("22", "80"));
        assertEquals(List.of(), full.missingRequired());
        assertEquals(Optional.of("admin@example.org"), full.endorserEmail());
        assertEquals(Optional.of(Instant.parse("2026-01-01T00:00:00Z")), full.created());
        assertEquals(List.of("22", "80"), full.inboundPorts());
    }

    @Test
    public void editsUseTheEntrysOwnPrefixes() throws Exception {
        String xml = "<r:RDF xmlns:r='http://www.w3.org/1999/02/22-rdf-syntax-ns#' xmlns:d='http://purl.org/dc/terms/'>"
                + "<r:Description><d:identifier>" + EXAMPLE_ID + "</d:identifier></r:Description></r:RDF>";
        ManifestEntry e = ManifestEntry.parse(xml.getBytes(StandardCharsets.UTF_8)).withTitle("t").withOs("linux");
        String out = new String(e.toXml(), StandardCharsets.UTF_8);
        assertTrue(out, out.contains("<d:title>t</d:title>"));
        assertTrue(out, out.contains("<slterms:os>linux</slterms:os>"));
        assertEquals(Optional.of("linux"), ManifestEntry.parse(e.toXml()).os());
    }
}
