package eu.stratuslab.pdisk.http;

import static eu.stratuslab.pdisk.http.DiskApiTest.assertMessage;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

import eu.stratuslab.infra.exec.CommandResult;
import eu.stratuslab.pdisk.support.OnAPdisk;
import eu.stratuslab.pdisk.support.PdiskFixture;

/** Mount resources (pdisk-api.md §5.9–§5.12); node hot-plug goes to a recording ssh runner. */
public class MountApiTest extends OnAPdisk {
    @Test
    public void aHostNamedByItsLibvirtUriIsAValidNode() {
        // the embedded cloud's host is named test:///default; remote ones qemu+ssh://node/system
        String a = pdisk.create("alice", "size=1");
        HttpResponse<String> r = pdisk.postForm("alice", "disks/" + a + "/mounts/", "node=test%3A%2F%2F%2Fdefault&vm_id=42");
        assertEquals(r.body(), 200, r.statusCode());
        assertEquals("test:///default", PdiskFixture.json(r).get("node").asText());
    }

    @Test
    public void attachHotplugsOnNodeCountsDownFromVdzAndDetachUnplugs() {
        String a = pdisk.create("alice", "size=1");
        String b = pdisk.create("alice", "size=1");
        assertEquals("[]", pdisk.get("alice", "disks/" + a + "/mounts/").body().replaceAll("\\s", ""));

        HttpResponse<String> r = pdisk.postForm("alice", "disks/" + a + "/mounts/", "node=node1.example.org&vm_id=42");
        assertEquals(200, r.statusCode());
        JsonNode j = PdiskFixture.json(r);
        assertEquals("node1.example.org", j.get("node").asText());
        assertEquals("42", j.get("vm_id").asText());
        assertEquals("vdz", j.get("target").asText());
        assertEquals(a, j.get("uuid").get(0).asText());
        assertEquals("vdy", PdiskFixture.json(pdisk.postForm("alice", "disks/" + b + "/mounts", "node=node1.example.org&vm_id=42"))
                .get("target").asText());

        List<String> ssh = pdisk.nodeRunner.commandLines();
        assertEquals(2, ssh.size());
        assertTrue(ssh.get(0), ssh.get(0).startsWith("ssh -p 22 -o ConnectTimeout=5 -o StrictHostKeyChecking=no -i "));
        assertTrue(ssh.get(0), ssh.get(0).contains(" oneadmin@node1.example.org /usr/sbin/stratus-pdisk-client.py --op up --attach --mark --link --mount --pdisk-id pdisk://127.0.0.1:"));
        assertTrue(ssh.get(0), ssh.get(0).endsWith("/pdisk/" + a + " --target vdz --vm-id 42 --turl file://" + pdisk.volume(a)
                + " --vm-disk-name " + a));

        JsonNode mounts = PdiskFixture.json(pdisk.get("bob", "disks/" + a + "/mounts"));
        assertEquals(1, mounts.size());
        assertEquals("42", mounts.get(0).get("vmId").asText());
        assertEquals("vdz", mounts.get(0).get("device").asText());
        assertEquals("1", PdiskFixture.json(pdisk.get("alice", "disks/" + a)).get("count").asText());

        JsonNode one = PdiskFixture.json(pdisk.get("alice", "disks/" + a + "/mounts/" + a + "_42"));
        assertEquals(a + "_42", one.get("mountId").asText());

        assertMessage(pdisk.delete("alice", "disks/" + a), 409, "disk (" + a + ") is in use and can't be deleted");
        assertMessage(pdisk.delete("bob", "disks/" + a + "/mounts/" + a + "_42"), 403, "insufficient rights to detach disk");

        pdisk.nodeRunner.clear();
        HttpResponse<String> d = pdisk.delete("alice", "disks/" + a + "/mounts/" + a + "_42");
        assertEquals(200, d.statusCode());
        JsonNode dj = PdiskFixture.json(d);
        assertEquals(a, dj.get("diskId").asText());
        assertEquals(a + "_42", dj.get("mountId").asText());
        assertEquals("42", dj.get("vmId").asText());
        assertEquals("vdz", dj.get("target").asText());
        assertTrue(pdisk.nodeRunner.commandLines().get(0).contains("--op down"));
        assertEquals("0", PdiskFixture.json(pdisk.get("alice", "disks/" + a)).get("count").asText());
        assertMessage(pdisk.delete("alice", "disks/" + a + "/mounts/" + a + "_42"), 404, "mount (" + a + "_42) does not exist");
    }

    @Test
    public void registerOnlyIsStaticAndMetadataOnlyDetachSkipsNode() {
        String a = pdisk.create("alice", "size=1");
        HttpResponse<String> r = pdisk.postForm("pdisk", "disks/" + a + "/mounts/", "node=10.0.0.5&vm_id=7&register_only=true");
        assertEquals(200, r.statusCode());
        assertEquals("static", PdiskFixture.json(r).get("target").asText());
        assertMessage(pdisk.postForm("pdisk", "disks/" + a + "/mounts/", "node=10.0.0.5&vm_id=7&register_only=true"), 403,
                "Mount already exists for: 7 and " + a);
        assertMessage(pdisk.postForm("alice", "disks/" + a + "/mounts/", "node=10.0.0.5&vm_id=8"), 409, "volume already mounted");
        assertTrue(pdisk.nodeRunner.calls().isEmpty());
        assertEquals(200, pdisk.delete("pdisk", "disks/" + a + "/mounts/" + a + "_7?metadata_only=true").statusCode());
        assertTrue(pdisk.nodeRunner.calls().isEmpty());

        String b = pdisk.create("alice", "size=1");
        pdisk.postForm("alice", "disks/" + b + "/mounts/", "node=n1&vm_id=9");
        pdisk.nodeRunner.clear();
        assertEquals(200, pdisk.delete("alice", "disks/" + b + "/mounts/" + b + "_9?metadata_only=1").statusCode());
        assertTrue(pdisk.nodeRunner.calls().isEmpty());
    }

    @Test
    public void readOnlyDataDiskMayBeMountedByManyVms() {
        String ro = pdisk.create("alice", "size=1&type=DATA_IMAGE_RAW_READONLY");
        for (int vm = 1; vm <= 3; vm++) {
            assertEquals(200, pdisk.postForm("alice", "disks/" + ro + "/mounts/", "node=n&vm_id=" + vm).statusCode());
        }
        assertEquals("3", PdiskFixture.json(pdisk.get("alice", "disks/" + ro)).get("count").asText());
    }

    @Test
    public void attachValidationAndRights() {
        String a = pdisk.create("alice", "size=1");
        assertMessage(pdisk.postForm("alice", "disks/" + a + "/mounts/", "vm_id=1"), 400, "missing node attribute");
        assertMessage(pdisk.postForm("alice", "disks/" + a + "/mounts/", "node=n"), 400, "missing vm_id attribute");
        assertMessage(pdisk.postForm("bob", "disks/" + a + "/mounts/", "node=n&vm_id=1"), 403, "Not enough rights to attach disk");
        assertMessage(pdisk.get("alice", "disks/8a1b2c3d-1111-2222-3333-444455556666/mounts"), 404,
                "Unknown disk: 8a1b2c3d-1111-2222-3333-444455556666");
    }

    @Test
    public void failedHotplugStoresNothingAndAnswers500WithCommandText() {
        String a = pdisk.create("alice", "size=1");
        pdisk.nodeRunner.answering(argv -> new CommandResult(argv, 255, "ssh: connect to host n port 22: Connection refused"));
        HttpResponse<String> r = pdisk.postForm("alice", "disks/" + a + "/mounts/", "node=n&vm_id=1");
        assertEquals(500, r.statusCode());
        String msg = PdiskFixture.json(r).get("message").asText();
        assertTrue(msg, msg.startsWith("An error occurred while executing command: ssh -p 22"));
        assertTrue(msg, msg.contains("Connection refused\nUnable to attach persistent disk.\nReturn code was: 255"));
        assertEquals("[]", pdisk.get("alice", "disks/" + a + "/mounts/").body().replaceAll("\\s", ""));
    }

    @Test
    public void twentySeventhHotplugHasNoFreeDevice() {
        for (int i = 0; i < 26; i++) {
            String d = pdisk.create("alice", "size=1");
            assertEquals(200, pdisk.postForm("alice", "disks/" + d + "/mounts/", "node=n&vm_id=5").statusCode());
        }
        String last = pdisk.create("alice", "size=1");
        assertMessage(pdisk.postForm("alice", "disks/" + last + "/mounts/", "node=n&vm_id=5"), 409, "no free devices available");
    }

    @Test
    public void instanceOwnerMayDetach() {
        String pub = pdisk.create("alice", "size=1&visibility=public");
        assertEquals(200, pdisk.postForm("bob", "disks/" + pub + "/mounts/", "node=n&vm_id=77").statusCode());
        assertEquals(200, pdisk.delete("bob", "disks/" + pub + "/mounts/" + pub + "_77").statusCode());
    }
}
