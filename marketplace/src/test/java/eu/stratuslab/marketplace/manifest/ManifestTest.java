package eu.stratuslab.marketplace.manifest;

import static eu.stratuslab.marketplace.manifest.ManifestFixtures.EXAMPLE_ID;
import static eu.stratuslab.marketplace.manifest.ManifestFixtures.EXAMPLE_SHA1;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.Test;

public class ManifestTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    public void readsEveryFieldOfTheSpecExample() throws Exception {
        Manifest manifest = Manifest.parse(new ByteArrayInputStream(ManifestFixtures.exampleBytes()));
        assertEquals(1, manifest.entries().size());
        ManifestEntry e = manifest.entries().get(0);
        assertEquals(Optional.of(EXAMPLE_ID), e.identifier());
        assertEquals(OptionalLong.of(2147483648L), e.bytes());
        assertEquals(Map.of("SHA-1", EXAMPLE_SHA1), e.checksums());
        assertEquals(Optional.of(EXAMPLE_SHA1), e.sha1());
        assertEquals(Optional.of("jane@example.org"), e.endorserEmail());
        assertEquals(Optional.of(Instant.parse("2014-06-12T10:11:12Z")), e.created());
        assertEquals(Optional.of(Instant.parse("2014-12-12T10:11:12Z")), e.valid());
        assertEquals(List.of("http://images.example.org/ttylinux-9.7-x86_64.img.gz"), e.locations());
        assertEquals(Optional.of("ttylinux"), e.title());
        assertEquals(Optional.of("Minimal Linux image for tests"), e.description());
        assertEquals(Optional.of("Jane Tester"), e.creator());
        assertEquals(Optional.of("Example Lab"), e.publisher());
        assertEquals(Optional.of("machine"), e.type());
        assertEquals(Optional.of("1.0"), e.version());
        assertEquals(Optional.of("ttylinux"), e.os());
        assertEquals(Optional.of("x86_64"), e.osArch());
        assertEquals(Optional.of("9.7"), e.osVersion());
        assertEquals(Optional.of("raw"), e.format());
        assertEquals(Optional.of("gz"), e.compression());
        assertEquals(Optional.of("virtio"), e.disksBus());
        assertEquals(List.of("22"), e.inboundPorts());
        assertEquals(Optional.of("kvm"), e.text(ManifestNamespaces.SLTERMS, "hypervisor"));
        assertFalse(e.deprecated());
        assertFalse(e.isSigned());
        assertEquals(List.of(), e.missingRequired());
        assertEquals(List.of(), manifest.missingRequired());
    }

    @Test
    public void readsSeveralEntriesEachOnItsOwn() throws Exception {
        String first = entryXml("AAAAAAAAAAAAAAAAAAAAAAAAAAA", "ops@example.org", "2030-01-01T00:00:00Z", "");
        String second = entryXml("P__________________________", "jane@example.org", "2031-01-01T00:00:00Z", "");
        Manifest m = Manifest.parse(utf8("<metadata>" + first + second + "</metadata>"));
        assertEquals(2, m.entries().size());
        assertEquals(Optional.of("AAAAAAAAAAAAAAAAAAAAAAAAAAA"), m.entries().get(0).identifier());
        assertEquals(Optional.of("ops@example.org"), m.entries().get(0).endorserEmail());
        assertEquals(Optional.of("P__________________________"), m.entries().get(1).identifier());
        assertEquals(Optional.of("jane@example.org"), m.entries().get(1).endorserEmail());
        assertEquals(Optional.of(Instant.parse("2031-01-01T00:00:00Z")), m.entries().get(1).valid());
    }

    @Test
    public void prefixesAreFreeAndMayBeDeclaredOnTheWrapper() throws Exception {
        String xml = "<metadata xmlns:r='http://www.w3.org/1999/02/22-rdf-syntax-ns#'"
                + " xmlns:d='http://purl.org/dc/terms/' xmlns:q='http://mp.stratuslab.eu/slreq#'>"
                + "<r:RDF xmlns:t='http://mp.stratuslab.eu/slterms#'><r:Description>"
                + "<d:identifier>BN1EEkPiBx87_uLj2-sdybSI-Xb</d:identifier><q:bytes>42</q:bytes>"
                + "<q:checksum><q:algorithm>sha1</q:algorithm><q:value>137510490F881C7CEFFB8B8F6FAC7726D223E5DB</q:value></q:checksum>"
                + "<t:location>http://a.example.org/a.img</t:location><t:location>http://b.example.org/b.img</t:location>"
                + "</r:Description></r:RDF></metadata>";
        ManifestEntry e = Manifest.parse(utf8(xml)).entries().get(0);
        assertEquals(Optional.of(EXAMPLE_ID), e.identifier());
        assertEquals(OptionalLong.of(42), e.bytes());
        assertEquals(Optional.of(EXAMPLE_SHA1), e.sha1());
        assertEquals(List.of("http://a.example.org/a.img", "http://b.example.org/b.img"), e.locations());
        // the standalone copy still declares the wrapper's namespaces
        ManifestEntry again = ManifestEntry.parse(e.toXml());
        assertEquals(Optional.of(EXAMPLE_ID), again.identifier());
        assertEquals(OptionalLong.of(42), again.bytes());
    }

    @Test
    public void acceptsABareRdfRoot() throws Exception {
        String bare = entryXml(EXAMPLE_ID, "jane@example.org", "2030-01-01T00:00:00Z", "");
        Manifest m = Manifest.parse(utf8("<?xml version='1.0'?>" + bare));
        assertEquals(1, m.entries().size());
        assertEquals(Optional.of(EXAMPLE_ID), m.entries().get(0).identifier());
    }

    private static void assertParseErrorMentions(String xml, String expected) {
        String message = assertThrows(ManifestException.class, () -> Manifest.parse(utf8(xml))).getMessage();
        assertTrue(message, message.contains(expected));
    }

    @Test
    public void refusesExternalEntities() {
        String xxe = "<?xml version='1.0'?><!DOCTYPE metadata [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                + "<metadata><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>&x;</rdf:RDF></metadata>";
        assertParseErrorMentions(xxe, "DTD");
    }

    @Test
    public void refusesEntityExpansionBombs() {
        String bomb = "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
                + "<!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>]><metadata>&lol2;</metadata>";
        assertParseErrorMentions(bomb, "not allowed");
    }

    @Test
    public void refusesOversizedDocumentsWithoutReadingThemWhole() {
        byte[] big = utf8("<metadata>" + " ".repeat(2000) + "</metadata>");
        ManifestException e = assertThrows(ManifestException.class,
                () -> Manifest.parse(new ByteArrayInputStream(big), 1000));
        assertEquals("manifest too large: more than 1000 bytes", e.getMessage());
    }

    @Test
    public void explainsMalformedDocumentsAndWrongRoots() {
        ManifestException malformed = assertThrows(ManifestException.class,
                () -> Manifest.parse(utf8("<metadata><rdf:RDF>")));
        assertTrue(malformed.getMessage(), malformed.getMessage().startsWith("malformed manifest XML (line 1"));
        ManifestException root = assertThrows(ManifestException.class, () -> Manifest.parse(utf8("<html/>")));
        assertTrue(root.getMessage(), root.getMessage().contains("root element is <html>"));
        ManifestException empty = assertThrows(ManifestException.class, () -> Manifest.parse(new byte[0]));
        assertTrue(empty.getMessage(), empty.getMessage().startsWith("empty manifest"));
    }

    @Test
    public void listsMissingRequiredElements() throws Exception {
        String text = ManifestFixtures.exampleText()
                .replace("<dcterms:type>machine</dcterms:type>", "")
                .replace("<dcterms:created>2014-06-12T10:11:12Z</dcterms:created>", "")
                .replace("<slterms:os-version>9.7</slterms:os-version>", "");
        Manifest m = Manifest.parse(utf8(text));
        assertEquals(List.of("dcterms:type", "slreq:endorsement/dcterms:created", "slterms:os-version"),
                m.entries().get(0).missingRequired());
        assertEquals(List.of("entry 1 (" + EXAMPLE_ID + "): dcterms:type, slreq:endorsement/dcterms:created, "
                + "slterms:os-version"), m.missingRequired());
        assertEquals(List.of("no rdf:RDF entry"), Manifest.parse(utf8("<metadata/>")).missingRequired());
    }

    @Test
    public void validAtDropsExpiredAndDeprecatedEntries() throws Exception {
        String current = entryXml("AAAAAAAAAAAAAAAAAAAAAAAAAAA", "a@example.org", "2030-01-01T00:00:00Z", "");
        String expired = entryXml("BAAAAAAAAAAAAAAAAAAAAAAAAAA", "b@example.org", "2020-01-01T00:00:00Z", "");
        String deprecated = entryXml("CAAAAAAAAAAAAAAAAAAAAAAAAAA", "c@example.org", "2030-01-01T00:00:00Z",
                "<slterms:deprecated>superseded</slterms:deprecated>");
        String notDeprecated = entryXml("DAAAAAAAAAAAAAAAAAAAAAAAAAA", "d@example.org", "2030-01-01T00:00:00Z",
                "<slterms:deprecated>false</slterms:deprecated>");
        Manifest m = Manifest.parse(utf8("<metadata>" + current + expired + deprecated + notDeprecated + "</metadata>"));
        Manifest valid = m.validAt(Instant.parse("2025-06-01T00:00:00Z"));
        assertEquals(List.of("AAAAAAAAAAAAAAAAAAAAAAAAAAA", "DAAAAAAAAAAAAAAAAAAAAAAAAAA"),
                valid.entries().stream().map(e -> e.identifier().orElseThrow()).toList());
        assertTrue(m.entries().get(2).deprecated());
        // the expiry instant itself is no longer valid
        assertTrue(m.validAt(Instant.parse("2030-01-01T00:00:00Z")).isEmpty());
    }

    @Test
    public void serialisesEntriesBackIntoAMetadataDocument() throws Exception {
        String a = entryXml("AAAAAAAAAAAAAAAAAAAAAAAAAAA", "a@example.org", "2030-01-01T00:00:00Z", "");
        Manifest m = Manifest.parse(utf8("<metadata>" + a + "</metadata>"));
        Manifest both = Manifest.of(List.of(m.entries().get(0), ManifestFixtures.exampleEntry()));
        String xml = new String(both.toXml(), StandardCharsets.UTF_8);
        assertTrue(xml, xml.contains("<metadata>"));
        Manifest back = Manifest.parse(both.toXml());
        assertEquals(2, back.entries().size());
        assertEquals(Optional.of(EXAMPLE_ID), back.entries().get(1).identifier());
        assertEquals(ManifestFixtures.exampleEntry().locations(), back.entries().get(1).locations());
    }

    @Test
    public void readsLenientDates() {
        assertEquals(Optional.of(Instant.parse("2014-06-12T10:11:12Z")), ManifestDates.parse("2014-06-12T10:11:12Z"));
        assertEquals(Optional.of(Instant.parse("2014-06-12T08:11:12.500Z")),
                ManifestDates.parse("2014-06-12T10:11:12.5+02:00"));
        assertEquals(Optional.of(Instant.parse("2014-06-12T10:11:12Z")), ManifestDates.parse("2014-06-12T10:11:12"));
        assertEquals(Optional.of(Instant.parse("2014-06-12T00:00:00Z")), ManifestDates.parse("2014-06-12"));
        assertEquals(Optional.empty(), ManifestDates.parse("next tuesday"));
        assertEquals("2014-06-12T10:11:12Z", ManifestDates.format(Instant.parse("2014-06-12T10:11:12.987Z")));
    }

    /** A complete entry in the customary prefixes, with optional extra elements in the description. */
    static String entryXml(String id, String endorser, String valid, String extra) {
        return "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' xmlns:dcterms='http://purl.org/dc/terms/'"
                + " xmlns:slreq='http://mp.stratuslab.eu/slreq#' xmlns:slterms='http://mp.stratuslab.eu/slterms#'>"
                + "<rdf:Description><dcterms:identifier>" + id + "</dcterms:identifier><slreq:bytes>1024</slreq:bytes>"
                + "<slreq:endorsement><dcterms:created>2014-06-12T10:11:12Z</dcterms:created><slreq:endorser>"
                + "<slreq:email>" + endorser + "</slreq:email></slreq:endorser></slreq:endorsement>"
                + "<dcterms:type>machine</dcterms:type><dcterms:valid>" + valid + "</dcterms:valid>"
                + "<dcterms:description>d</dcterms:description><dcterms:compression>none</dcterms:compression>"
                + "<slterms:os>linux</slterms:os><slterms:os-arch>x86_64</slterms:os-arch>"
                + "<slterms:os-version>1</slterms:os-version><slterms:version>1.0</slterms:version>" + extra
                + "</rdf:Description></rdf:RDF>";
    }
}
