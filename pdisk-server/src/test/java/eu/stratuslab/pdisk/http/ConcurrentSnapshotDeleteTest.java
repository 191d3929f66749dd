package eu.stratuslab.pdisk.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

import eu.stratuslab.pdisk.support.OnAPdisk;
import eu.stratuslab.pdisk.support.PdiskFixture;
import eu.stratuslab.pdisk.support.StartingGate;

/**
 * Snapshots of an origin racing with its deletion: the per-disk lock guarantees that no live
 * snapshot outlives its origin, and that the origin is never deleted while it has snapshots.
 */
public class ConcurrentSnapshotDeleteTest extends OnAPdisk {
    @Test
    public void noSnapshotOutlivesItsOrigin() throws Exception {
        String origin = pdisk.create("pdisk", "size=1&type=MACHINE_IMAGE_ORIGIN&visibility=public");
        List<Future<Integer>> snapshots = new ArrayList<>();
        List<Future<Integer>> deletes = new ArrayList<>();
        try (StartingGate gate = new StartingGate(12)) {
            for (int i = 0; i < 20; i++) {
                snapshots.add(gate.submit(() -> pdisk.postEmpty("alice", "disks/" + origin).statusCode()));
                if (i % 5 == 0) {
                    deletes.add(gate.submit(() -> pdisk.delete("pdisk", "disks/" + origin).statusCode()));
                }
            }
            gate.open();
            int made = 0;
            for (Future<Integer> f : snapshots) {
                int s = StartingGate.result(f);
                assertTrue("snapshot status " + s, s == 200 || s == 404);
                made += s == 200 ? 1 : 0;
            }
            int deleted = 0;
            for (Future<Integer> f : deletes) {
                int s = StartingGate.result(f);
                assertTrue("delete status " + s, s == 200 || s == 409 || s == 404);
                deleted += s == 200 ? 1 : 0;
            }
            JsonNode all = PdiskFixture.json(pdisk.get("pdisk", "disks/"));
            long live = 0;
            for (JsonNode d : all) {
                live += d.get("identifier").asText().equals("snapshot:" + origin) ? 1 : 0;
            }
            assertEquals(made, live);
            if (deleted == 1) {
                assertEquals(0, made);
                assertTrue(!Files.exists(pdisk.volume(origin)));
            } else {
                assertEquals(0, deleted);
                assertEquals(Integer.toString(made), PdiskFixture.json(pdisk.get("pdisk", "disks/" + origin)).get("count").asText());
            }
        }
    }
}
