package eu.stratuslab.pdisk;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.JsonNode;

import eu.stratuslab.pdisk.support.PdiskFixture;
import eu.stratuslab.pdisk.support.PdiskProcess;

/**
 * Durability of the embedded database: a pdisk process is killed with kill -9 right after a burst
 * of acknowledged creates, updates and mounts; after a restart on the same directory every one of
 * them is there (H2 with the core's WRITE_DELAY=0, so an answer means the commit is on disk).
 */
public class PdiskCrashDurabilityTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private PdiskProcess pdisk;

    @After
    public void stop() throws Exception {
        if (pdisk != null) {
            pdisk.close();
        }
    }

    @Test
    public void acknowledgedChangesSurviveKillDashNine() throws Exception {
        Path dir = tmp.newFolder("pdisk").toPath();
        int port = PdiskProcess.freeLoopbackPort();
        PdiskFixture client = PdiskFixture.clientOf(URI.create("http://127.0.0.1:" + port + "/pdisk"));

        pdisk = PdiskProcess.start(dir, port);
        Map<String, String> tags = new LinkedHashMap<>();
        Map<String, String> mountedBy = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            String uuid = client.create("alice", "size=1&tag=created-" + i);
            HttpResponse<String> put = client.putForm("alice", "disks/" + uuid, "tag=updated-" + i + "&visibility=public");
            assertEquals(put.body(), 303, put.statusCode());
            HttpResponse<String> mount = client.postForm("alice", "disks/" + uuid + "/mounts/", "node=node1&vm_id=" + (100 + i));
            assertEquals(mount.body(), 200, mount.statusCode());
            tags.put(uuid, "updated-" + i);
            mountedBy.put(uuid, Integer.toString(100 + i));
        }
        // the last acknowledgement has just arrived: kill -9 now
        assertTrue(pdisk.kill());

        pdisk = PdiskProcess.start(dir, port);
        JsonNode all = PdiskFixture.json(client.get("pdisk", "disks/"));
        assertEquals(pdisk.logTail(), tags.size(), all.size());
        for (Map.Entry<String, String> e : tags.entrySet()) {
            JsonNode d = PdiskFixture.json(client.get("alice", "disks/" + e.getKey()));
            assertEquals(e.getValue(), d.get("tag").asText());
            assertEquals("PUBLIC", d.get("visibility").asText());
            JsonNode mounts = PdiskFixture.json(client.get("alice", "disks/" + e.getKey() + "/mounts"));
            assertEquals(e.getKey(), 1, mounts.size());
            assertEquals(mountedBy.get(e.getKey()), mounts.get(0).get("vmId").asText());
        }
    }
}
