package eu.stratuslab.marketplace.server;

import static eu.stratuslab.marketplace.manifest.ManifestFixtures.EXAMPLE_ID;
import static eu.stratuslab.marketplace.manifest.ManifestFixtures.EXAMPLE_SHA1;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.stratuslab.marketplace.manifest.FetchResult;
import eu.stratuslab.marketplace.manifest.Manifest;
import eu.stratuslab.marketplace.manifest.ManifestEntry;
import eu.stratuslab.marketplace.manifest.ManifestFixtures;
import eu.stratuslab.marketplace.manifest.ManifestSigner;
import eu.stratuslab.marketplace.manifest.MarketplaceClient;
import eu.stratuslab.marketplace.manifest.MarketplaceException;

/** Posting signed entries and reading them back through the client, on loopback. */
public class MetadataEndpointTest {

    @Rule
    public MarketplaceFixture mp = new MarketplaceFixture();

    private final MarketplaceClient client = new MarketplaceClient();
    private Instant now;

    @Before
    public void start() throws Exception {
        mp.start();
        now = mp.clock.instant();
    }

    @Test
    public void postedEntryIsServedToTheClientStillSigned() throws Exception {
        URI location = client.upload(mp.endpoint, mp.signed(mp.entry("jane@example.org", now, now.plus(Duration.ofDays(10)))));
        assertEquals(URI.create(mp.endpoint + "/metadata/" + EXAMPLE_ID + "/jane@example.org/" + now), location);

        FetchResult r = client.fetch(mp.endpoint, EXAMPLE_ID);
        assertEquals(FetchResult.Status.FOUND, r.status());
        assertEquals(1, r.entries().size());
        ManifestEntry e = r.entries().get(0);
        assertEquals(Optional.of(EXAMPLE_SHA1), e.sha1());
        assertEquals(List.of("http://images.example.org/ttylinux-9.7-x86_64.img.gz"), e.locations());
        assertEquals(MarketplaceFixture.JANE.certificate(), ManifestSigner.verify(e));

        HttpResponse<String> one = mp.send(HttpRequest.newBuilder(location).GET());
        assertEquals(200, one.statusCode());
        assertEquals("application/xml; charset=UTF-8", one.headers().firstValue("Content-Type").orElse(""));
        assertEquals(MarketplaceFixture.JANE.certificate(),
                ManifestSigner.verify(one.body().getBytes(StandardCharsets.UTF_8)));

        HttpResponse<String> current = mp.send(HttpRequest.newBuilder(mp.url("/metadata/" + EXAMPLE_ID)).GET()
                .header("Accept", "application/xml"));
        assertEquals("application/xml; charset=UTF-8", current.headers().firstValue("Content-Type").orElse(""));
        assertTrue(current.body(), current.body().contains("<metadata>"));
    }

    @Test
    public void unknownImageIsNotFound() throws Exception {
        FetchResult r = client.fetch(mp.endpoint, "AAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertEquals(FetchResult.Status.NOT_FOUND, r.status());
        HttpResponse<String> notAnId = mp.send(HttpRequest.newBuilder(mp.url("/metadata/nope")).GET());
        assertEquals(404, notAnId.statusCode());
        assertEquals("'nope' is not an image identifier\n", notAnId.body());
        assertEquals(404, mp.send(HttpRequest.newBuilder(mp.url("/metadata/" + EXAMPLE_ID + "/a@b/2020")).GET())
                .statusCode());
    }

    @Test
    public void expiredEntriesAreHiddenButStayAddressable() throws Exception {
        URI location = client.upload(mp.endpoint, mp.signed(mp.entry("jane@example.org", now, now.plus(Duration.ofDays(1)))));
        assertEquals(FetchResult.Status.FOUND, client.fetch(mp.endpoint, EXAMPLE_ID).status());
        mp.clock.advance(Duration.ofDays(1));
        assertEquals(FetchResult.Status.NOT_FOUND, client.fetch(mp.endpoint, EXAMPLE_ID).status());
        assertEquals(200, mp.send(HttpRequest.newBuilder(location).GET()).statusCode());
    }

    @Test
    public void deprecatedEntriesAreHidden() throws Exception {
        client.upload(mp.endpoint, mp.signed(mp.entry("jane@example.org", now, now.plus(Duration.ofDays(5)))
                .withDeprecated("superseded by a newer image")));
        assertEquals(FetchResult.Status.NOT_FOUND, client.fetch(mp.endpoint, EXAMPLE_ID).status());
    }

    @Test
    public void latestCurrentEntryOfEachEndorser() throws Exception {
        Instant valid = now.plus(Duration.ofDays(10));
        client.upload(mp.endpoint, mp.signed(mp.entry("jane@example.org", now.minus(Duration.ofHours(2)), valid)
                .withTitle("jane old")));
        client.upload(mp.endpoint, mp.signed(mp.entry("jane@example.org", now.minus(Duration.ofHours(1)), valid)
                .withTitle("jane new")));
        client.upload(mp.endpoint, mp.signed(mp.entry("ops@example.org", now.minus(Duration.ofHours(3)), valid)
                .withTitle("ops")));
        // newer, but expired: the older current one of that endorser still counts
        client.upload(mp.endpoint, mp.signed(mp.entry("ops@example.org", now.minus(Duration.ofHours(1)),
                now.minus(Duration.ofMinutes(1))).withTitle("ops expired")));

        FetchResult r = client.fetch(mp.endpoint, EXAMPLE_ID);
        assertEquals(List.of("jane new", "ops"), r.entries().stream().map(e -> e.title().orElseThrow()).toList());
    }

    @Test
    public void listingInXmlAndJson() throws Exception {
        client.upload(mp.endpoint, mp.signed(mp.entry("jane@example.org", now, now.plus(Duration.ofDays(3)))));
        HttpResponse<String> xml = mp.send(HttpRequest.newBuilder(mp.url("/metadata/")).GET());
        assertEquals(200, xml.statusCode());
        assertEquals("application/xml; charset=UTF-8", xml.headers().firstValue("Content-Type").orElse(""));
        Manifest all = Manifest.parse(xml.body().getBytes(StandardCharsets.UTF_8));
        assertEquals(1, all.entries().size());

        HttpResponse<String> json = mp.send(HttpRequest.newBuilder(mp.url("/metadata")).GET()
                .header("Accept", "application/json"));
        assertEquals("application/json; charset=UTF-8", json.headers().firstValue("Content-Type").orElse(""));
        JsonNode array = new ObjectMapper().readTree(json.body());
        assertEquals(1, array.size());
        JsonNode item = array.get(0);
        assertEquals(EXAMPLE_ID, item.get("identifier").asText());
        assertEquals("ttylinux", item.get("title").asText());
        assertEquals("jane@example.org", item.get("endorser").asText());
        assertEquals(now.toString(), item.get("created").asText());
        assertEquals(2147483648L, item.get("bytes").asLong());
        assertEquals(EXAMPLE_SHA1, item.get("sha1").asText());
        assertEquals("http://images.example.org/ttylinux-9.7-x86_64.img.gz", item.get("location").asText());
        assertEquals(mp.endpoint + "/metadata/" + EXAMPLE_ID + "/jane@example.org/" + now, item.get("url").asText());
    }

    @Test
    public void unsignedAndTamperedEntriesAreRefusedWithAClearText() throws Exception {
        ManifestEntry entry = mp.entry("jane@example.org", now, now.plus(Duration.ofDays(3)));
        MarketplaceException unsigned = assertThrows(MarketplaceException.class,
                () -> client.upload(mp.endpoint, entry.toXml()));
        assertEquals(400, unsigned.status());
        assertTrue(unsigned.getMessage(), unsigned.getMessage().endsWith(
                "HTTP 400: signature check failed: the manifest entry is not signed: no XML signature (ds:Signature) found"));

        String signed = new String(mp.signed(entry), StandardCharsets.UTF_8);
        byte[] tampered = signed.replace("<slreq:bytes>2147483648<", "<slreq:bytes>2147483647<")
                .getBytes(StandardCharsets.UTF_8);
        MarketplaceException e = assertThrows(MarketplaceException.class, () -> client.upload(mp.endpoint, tampered));
        assertTrue(e.getMessage(), e.getMessage().endsWith(
                "signature check failed: the manifest entry was modified after it was signed (digest mismatch)"));
        assertEquals(FetchResult.Status.NOT_FOUND, client.fetch(mp.endpoint, EXAMPLE_ID).status());
    }

    @Test
    public void incompleteOrInconsistentEntriesAreRefused() throws Exception {
        ManifestEntry entry = mp.entry("jane@example.org", now, now.plus(Duration.ofDays(3)));
        String noOs = new String(entry.toXml(), StandardCharsets.UTF_8).replace("<slterms:os>ttylinux</slterms:os>", "");
        ManifestEntry incomplete = ManifestEntry.parse(noOs.getBytes(StandardCharsets.UTF_8));
        assertRefused(400, "the entry lacks required elements: slterms:os", mp.signed(incomplete));

        assertRefused(400, "dcterms:identifier AAAAAAAAAAAAAAAAAAAAAAAAAAA does not belong to the SHA-1 checksum "
                + EXAMPLE_SHA1 + " (its identifier is " + EXAMPLE_ID + ")",
                mp.signed(entry.withIdentifier("AAAAAAAAAAAAAAAAAAAAAAAAAAA")));
        assertRefused(400, "the endorser e-mail 'jane/../x@example.org' is not a plain e-mail address",
                mp.signed(entry.withEndorserEmail("jane/../x@example.org")));
    }

    @Test
    public void badDocumentsAreRefusedNever5xx() throws Exception {
        assertRefused(400, "manifest refused: document type declarations (DTD, entities) are not allowed",
                ("<?xml version='1.0'?><!DOCTYPE m [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><metadata>&x;</metadata>")
                        .getBytes(StandardCharsets.UTF_8));
        assertRefused(400, "empty manifest: an XML document is expected", new byte[0]);
        assertRefused(400, "the manifest holds no rdf:RDF entry", "<metadata/>".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> garbage = mp.send(HttpRequest.newBuilder(mp.url("/metadata/"))
                .POST(HttpRequest.BodyPublishers.ofString("not xml at all")));
        assertEquals(400, garbage.statusCode());
        assertEquals("text/plain; charset=UTF-8", garbage.headers().firstValue("Content-Type").orElse(""));
        assertTrue(garbage.body(), garbage.body().startsWith("malformed manifest XML (line 1"));
    }

    @Test
    public void oversizedManifestIs413() throws Exception {
        mp.config.maxManifestBytes(2000);
        mp.start();
        byte[] big = mp.signed(mp.entry("jane@example.org", now, now.plus(Duration.ofDays(3)))
                .withDescription("x".repeat(3000)));
        assertRefused(413, "manifest too large: more than 2000 bytes", big);
    }

    @Test
    public void samePostTwiceIsFineAConflictingOneIsNot() throws Exception {
        ManifestEntry entry = mp.entry("jane@example.org", now, now.plus(Duration.ofDays(3)));
        byte[] signed = mp.signed(entry);
        client.upload(mp.endpoint, signed);
        client.upload(mp.endpoint, signed);
        assertRefused(409, "another entry of image " + EXAMPLE_ID + " by jane@example.org created " + now
                + " already exists", mp.signed(entry.withTitle("other")));
    }

    @Test
    public void entriesSurviveARestartAndUnreadableFilesAreSkipped() throws Exception {
        client.upload(mp.endpoint, mp.signed(mp.entry("jane@example.org", now, now.plus(Duration.ofDays(3)))));
        Path junk = mp.directory().resolve("metadata").resolve(EXAMPLE_ID).resolve("x@example.org")
                .resolve("2020-01-01T00:00:00Z.xml");
        Files.createDirectories(junk.getParent());
        Files.writeString(junk, "<half");
        mp.start();
        FetchResult r = client.fetch(mp.endpoint, EXAMPLE_ID);
        assertEquals(FetchResult.Status.FOUND, r.status());
        assertEquals(Optional.of("jane@example.org"), r.entries().get(0).endorserEmail());
        assertTrue("kept for the operator", Files.exists(junk));
        try (Stream<Path> files = Files.walk(mp.directory())) {
            assertFalse("no temporary files left", files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    public void wrongMethodsAndPathsAreClientErrors() throws Exception {
        HttpResponse<String> delete = mp.send(HttpRequest.newBuilder(mp.url("/metadata/" + EXAMPLE_ID)).DELETE());
        assertEquals(405, delete.statusCode());
        assertEquals("GET, HEAD", delete.headers().firstValue("Allow").orElse(""));
        assertEquals(404, mp.send(HttpRequest.newBuilder(mp.url("/elsewhere")).GET()).statusCode());
        assertEquals(404, mp.send(HttpRequest.newBuilder(mp.url("/images/../../etc/passwd")).GET()).statusCode());
    }

    private void assertRefused(int status, String message, byte[] body) throws Exception {
        HttpResponse<String> r = mp.send(HttpRequest.newBuilder(mp.url("/metadata/"))
                .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertEquals(r.body(), status, r.statusCode());
        assertEquals(message + "\n", r.body());
    }
}
