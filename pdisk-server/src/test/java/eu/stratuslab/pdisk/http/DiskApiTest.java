package eu.stratuslab.pdisk.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

import eu.stratuslab.pdisk.support.OnAPdisk;
import eu.stratuslab.pdisk.support.PdiskFixture;

/** The disk resources over HTTP (pdisk-api.md §2, §3, §5.1–§5.8, §5.13) on the file backend. */
public class DiskApiTest extends OnAPdisk {

    static final String SIZE_RANGE = "Size must be an integer between 1 and 1024";
    @Test
    public void unauthenticatedGetGetsBasicChallenge() {
        HttpResponse<String> r = pdisk.get(null, "disks/");
        assertEquals(401, r.statusCode());
        assertEquals("Basic realm=\"StratusLab Password Realm\"", r.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals(401, pdisk.send(pdisk.request(null, "disks/").method("HEAD", HttpRequest.BodyPublishers.noBody()).build())
                .statusCode());
    }

    @Test
    public void userWithoutCloudAccessRoleIsForbidden() {
        assertEquals(403, pdisk.get("norole", "disks/").statusCode());
    }

    @Test
    public void createReturns201AndSparseVolumeThenGetShowsSpecKeysInOrder() throws Exception {
        String uuid = pdisk.create("alice", "size=2&tag=my+data&visibility=private");
        assertTrue(uuid.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"));
        assertEquals(2L << 30, Files.size(pdisk.volume(uuid)));

        HttpResponse<String> r = pdisk.get("alice", "disks/" + uuid);
        assertEquals(200, r.statusCode());
        JsonNode d = PdiskFixture.json(r);
        List<String> keys = new ArrayList<>();
        d.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("uuid", "tag", "count", "owner", "identifier", "size", "type", "visibility"), keys);
        assertEquals("my data", d.get("tag").asText());
        assertEquals("0", d.get("count").textValue());
        assertEquals("2", d.get("size").textValue());
        assertEquals("alice", d.get("owner").asText());
        assertEquals("DATA_IMAGE_RAW_READ_WRITE", d.get("type").asText());
        assertEquals("PRIVATE", d.get("visibility").asText());
        // trailing slash is the same resource
        assertEquals(200, pdisk.get("alice", "disks/" + uuid + "/").statusCode());
    }

    @Test
    public void listShowsOwnAndPublicDisksNewestFirstAndSuperuserSeesAll() {
        String alicePrivate = pdisk.create("alice", "size=1&tag=a1");
        String bobPublic = pdisk.create("bob", "size=1&tag=b1&visibility=PUBLIC");
        String bobPrivate = pdisk.create("bob", "size=1&tag=b2");

        List<String> aliceSees = uuids(pdisk.get("alice", "disks/"));
        assertEquals(List.of(bobPublic, alicePrivate), aliceSees);
        List<String> all = uuids(pdisk.get("pdisk", "disks/"));
        assertEquals(List.of(bobPrivate, bobPublic, alicePrivate), all);

        JsonNode item = PdiskFixture.json(pdisk.get("alice", "disks/")).get(0);
        List<String> keys = new ArrayList<>();
        item.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("uuid", "tag", "count", "owner", "identifier", "size", "type", "visibility"), keys);
    }

    @Test
    public void viewRightsAnd404ForUnknownOrNonUuid() {
        String uuid = pdisk.create("alice", "size=1");
        HttpResponse<String> r = pdisk.get("bob", "disks/" + uuid);
        assertEquals(403, r.statusCode());
        assertEquals("insufficient access rights to view disk (" + uuid + ")", PdiskFixture.json(r).get("message").asText());
        assertEquals(403, PdiskFixture.json(r).get("code").asInt());

        String unknown = "8a1b2c3d-1111-2222-3333-444455556666";
        HttpResponse<String> nf = pdisk.get("alice", "disks/" + unknown);
        assertEquals(404, nf.statusCode());
        assertEquals("disk (" + unknown + ") does not exist", PdiskFixture.json(nf).get("message").asText());
        assertEquals(404, pdisk.get("alice", "disks/not-a-uuid").statusCode());

        HttpResponse<String> head = pdisk.send(pdisk.request("alice", "disks/" + uuid + "/")
                .setHeader("Accept", "application/xml").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
    }

    @Test
    public void errorsInPlainTextByDefault() {
        HttpResponse<String> r = pdisk.postForm("alice", "disks/", "size=abc", "text/plain");
        assertEquals(400, r.statusCode());
        assertEquals("ERROR (400): Error parsing size: For input string: \"abc\"", r.body().strip());
    }

    @Test
    public void createValidationMessages() {
        assertCreateRefused(pdisk, "size=1&visibility=secret", 400,
                "Invalid value for form element visibility: No enum constant for secret");
        assertCreateRefused(pdisk, "size=1&type=machine_image_live", 400,
                "Invalid value for form element type: machine_image_live");
        assertCreateRefused(pdisk, "size=1&owner=bob", 403, "insufficient rights to set owner");
        assertCreateRefused(pdisk, "size=1&identifier=x", 403, "insufficient rights to set identifier");
        assertCreateRefused(pdisk, "size=0", 400, SIZE_RANGE);
        assertCreateRefused(pdisk, "size=1025", 400, SIZE_RANGE);
        assertCreateRefused(pdisk, "tag=nosize", 400, SIZE_RANGE);
        assertEquals(0, PdiskFixture.json(pdisk.get("pdisk", "disks/")).size());
    }

    @Test
    public void superuserMaySetOwnerAndIdentifierWhichMustBeUnique() {
        String uuid = pdisk.create("pdisk", "size=1&owner=bob&identifier=Nyuwnr8SOXWilAOWhWTELpytQKS");
        assertEquals("bob", PdiskFixture.json(pdisk.get("bob", "disks/" + uuid)).get("owner").asText());
        assertMessage(pdisk.postForm("pdisk", "disks/", "size=1&identifier=Nyuwnr8SOXWilAOWhWTELpytQKS"), 403,
                "Disk already registered");
    }

    @Test
    public void updateNeedsOwnershipEvenOnPublicDisksAndAnswers303() {
        String uuid = pdisk.create("alice", "size=1&visibility=public&tag=before");
        assertMessage(pdisk.putForm("bob", "disks/" + uuid, "tag=hijack"), 403,
                "insufficient rights to update disk (" + uuid + ")");
        HttpResponse<String> r = pdisk.putForm("alice", "disks/" + uuid, "tag=after&visibility=PRIVATE&count=7");
        assertEquals(303, r.statusCode());
        assertTrue(r.headers().firstValue("Location").orElse("").endsWith("/pdisk/pswd/disks/" + uuid));
        JsonNode d = PdiskFixture.json(pdisk.get("alice", "disks/" + uuid));
        assertEquals("after", d.get("tag").asText());
        assertEquals("PRIVATE", d.get("visibility").asText());
        assertEquals("0", d.get("count").asText());
        assertMessage(pdisk.putForm("alice", "disks/" + uuid, "owner=bob"), 403, "insufficient rights to set owner");
        assertMessage(pdisk.putForm("alice", "disks/" + uuid, "type=BAD"), 400, "Invalid value for form element type: BAD");
        assertMessage(pdisk.send(pdisk.request("alice", "disks/" + uuid).PUT(HttpRequest.BodyPublishers.noBody()).build()),
                400, "post with null entity");
    }

    @Test
    public void jsonPutWithJsonAcceptAnswers200WithDisk() {
        String uuid = pdisk.create("alice", "size=1");
        HttpResponse<String> r = pdisk.send(pdisk.request("alice", "disks/" + uuid).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"tag\":\"json tag\",\"visibility\":\"public\"}")).build());
        assertEquals(200, r.statusCode());
        assertEquals("json tag", PdiskFixture.json(r).get("tag").asText());
        assertEquals("PUBLIC", PdiskFixture.json(r).get("visibility").asText());
    }

    @Test
    public void quarantinePutKeepsSeedAndQuarantineKeyAppearsOnlyWhenSet() {
        String uuid = pdisk.create("alice", "size=1&seed=on");
        HttpResponse<String> r = pdisk.putForm("pdisk", "disks/" + uuid, "owner=pdisk&quarantine=2014-06-12+10%3A11%3A12.123456");
        assertEquals(303, r.statusCode());
        JsonNode d = PdiskFixture.json(pdisk.get("pdisk", "disks/" + uuid));
        assertEquals("2014-06-12 10:11:12.123456", d.get("quarantine").asText());
        List<String> keys = new ArrayList<>();
        d.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("uuid", "tag", "count", "owner", "identifier", "quarantine", "size", "type", "visibility"), keys);
        // seed is not shown in JSON; check it survived through the service
        assertTrue(pdisk.server.services().disks().find(uuid).orElseThrow().seed());
        assertFalse(PdiskFixture.json(pdisk.get("pdisk", "disks/")).get(0).path("quarantine").isMissingNode());
    }

    @Test
    public void deleteAnswers200WithUuidAndRemovesVolume() {
        String uuid = pdisk.create("alice", "size=1");
        assertMessage(pdisk.delete("bob", "disks/" + uuid + "/"), 403, "insufficient access rights to view disk (" + uuid + ")");
        HttpResponse<String> r = pdisk.delete("alice", "disks/" + uuid + "/");
        assertEquals(200, r.statusCode());
        assertEquals(uuid, PdiskFixture.json(r).get("uuid").asText());
        assertFalse(Files.exists(pdisk.volume(uuid)));
        assertEquals(404, pdisk.get("alice", "disks/" + uuid).statusCode());
    }

    @Test
    public void publicDiskCannotBeDeletedByOthers() {
        String uuid = pdisk.create("alice", "size=1&visibility=public");
        assertMessage(pdisk.delete("bob", "disks/" + uuid), 403, "insufficient rights to delete disk (" + uuid + ")");
    }

    @Test
    public void snapshotOfOriginIsQcow2OverlayAndOriginWithLiveSnapshotCannotBeDeleted() throws Exception {
        String origin = pdisk.create("pdisk", "size=1&type=MACHINE_IMAGE_ORIGIN&owner=pdisk&visibility=public");
        HttpResponse<String> r = pdisk.postEmpty("alice", "disks/" + origin);
        assertEquals(200, r.statusCode());
        JsonNode live = PdiskFixture.json(r);
        String liveUuid = live.get("uuid").asText();
        assertEquals("MACHINE_IMAGE_LIVE", live.get("type").asText());
        assertEquals("snapshot:" + origin, live.get("identifier").asText());
        assertEquals("alice", live.get("owner").asText());
        assertEquals("PRIVATE", live.get("visibility").asText());
        byte[] magic = Files.readAllBytes(pdisk.volume(liveUuid));
        assertEquals('Q', magic[0]);
        assertEquals("1", PdiskFixture.json(pdisk.get("pdisk", "disks/" + origin)).get("count").asText());

        assertMessage(pdisk.delete("pdisk", "disks/" + origin), 409, "disk (" + origin + ") is in use and can't be deleted");

        // superuser's snapshot has an empty owner until the hook sets it
        String suLive = PdiskFixture.json(pdisk.postEmpty("pdisk", "disks/" + origin)).get("uuid").asText();
        assertEquals("", PdiskFixture.json(pdisk.get("pdisk", "disks/" + suLive)).get("owner").asText());

        // rebase: owner only; the file backend flattens into a new origin
        assertMessage(pdisk.postEmpty("bob", "disks/" + liveUuid), 403, "insufficient access rights to view disk (" + liveUuid + ")");
        HttpResponse<String> rebased = pdisk.postEmpty("alice", "disks/" + liveUuid);
        assertEquals(200, rebased.statusCode());
        JsonNode newOrigin = PdiskFixture.json(rebased);
        assertEquals("MACHINE_IMAGE_ORIGIN", newOrigin.get("type").asText());
        assertFalse(newOrigin.get("uuid").asText().equals(liveUuid));
        assertEquals(1L << 30, Files.size(pdisk.volume(newOrigin.get("uuid").asText())));

        // data disks can be neither snapshotted nor rebased
        String data = pdisk.create("alice", "size=1");
        assertMessage(pdisk.postEmpty("alice", "disks/" + data), 409,
                "Invalid disk state: DATA_IMAGE_RAW_READ_WRITE. Cannot create copy or save as new image.");

        assertEquals(200, pdisk.delete("alice", "disks/" + liveUuid).statusCode());
        assertEquals(200, pdisk.delete("pdisk", "disks/" + suLive).statusCode());
        assertEquals(200, pdisk.delete("pdisk", "disks/" + origin).statusCode());
    }

    @Test
    public void turlOfFileBackend() {
        String uuid = pdisk.create("alice", "size=1");
        HttpResponse<String> r = pdisk.get("bob", "disks/" + uuid + "/turl/");
        assertEquals(200, r.statusCode());
        assertEquals("file://" + pdisk.volume(uuid), PdiskFixture.json(r).get("turl").asText());
        assertMessage(pdisk.get("bob", "disks/8a1b2c3d-1111-2222-3333-444455556666/turl"), 404,
                "Unknown disk: 8a1b2c3d-1111-2222-3333-444455556666");
    }

    @Test
    public void htmlCreateRedirectsWith303AndListRendersTable() {
        HttpResponse<String> r = pdisk.postForm("alice", "disks/", "size=1&tag=%3Cb%3E", "text/html");
        assertEquals(303, r.statusCode());
        String location = r.headers().firstValue("Location").orElseThrow();
        assertTrue(location, location.matches("http://127\\.0\\.0\\.1:\\d+/pdisk/pswd/disks/[0-9a-f-]{36}"));
        HttpResponse<String> page = pdisk.send(pdisk.request("alice", "disks/").setHeader("Accept", "text/html").GET().build());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("&lt;b&gt;"));
        assertFalse(page.body().contains("<b>"));
        HttpResponse<String> del = pdisk.send(pdisk.request("alice", location.substring(location.indexOf("disks/")) + "?method=delete")
                .setHeader("Accept", "text/html").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(303, del.statusCode());
        assertTrue(del.headers().firstValue("Location").orElse("").endsWith("/pdisk/pswd/disks/"));
    }

    @Test
    public void legacyShortPathsAndServiceHead() {
        String uuid = pdisk.create("alice", "size=1");
        String root = pdisk.endpoint.toString().replace("/pdisk", "");
        HttpResponse<String> r = pdisk.send(HttpRequest.newBuilder(java.net.URI.create(root + "/pswd/disks/" + uuid))
                .header("Authorization", PdiskFixture.basic("alice")).header("Accept", "application/json").GET().build());
        assertEquals(200, r.statusCode());
        assertEquals(uuid, PdiskFixture.json(r).get("uuid").asText());
        HttpResponse<String> head = pdisk.send(pdisk.request("alice", "").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, head.statusCode());
    }

    @Test
    public void accountNameOwnerMatchesIdentity() {
        String uuid = pdisk.create("pdisk", "size=1&owner=john.doe%2540example.org");
        assertEquals(200, pdisk.get("john.doe@example.org", "disks/" + uuid).statusCode());
        assertEquals(List.of(uuid), uuids(pdisk.get("john.doe@example.org", "disks/")));
        assertEquals(200, pdisk.delete("john.doe@example.org", "disks/" + uuid).statusCode());
    }

    /** alice's {@code POST /disks/} with {@code form} is refused with {@code status} and {@code message}. */
    static void assertCreateRefused(PdiskFixture pdisk, String form, int status, String message) {
        assertMessage(pdisk.postForm("alice", "disks/", form), status, message);
    }

    static void assertMessage(HttpResponse<String> r, int status, String message) {
        assertEquals(r.body(), status, r.statusCode());
        JsonNode body = PdiskFixture.json(r);
        assertEquals(message, body.get("message").asText());
        assertEquals(status, body.get("code").asInt());
        assertTrue(body.get("code").isNumber());
    }

    static List<String> uuids(HttpResponse<String> r) {
        assertEquals(200, r.statusCode());
        List<String> out = new ArrayList<>();
        PdiskFixture.json(r).forEach(n -> out.add(n.get("uuid").asText()));
        return out;
    }
}
