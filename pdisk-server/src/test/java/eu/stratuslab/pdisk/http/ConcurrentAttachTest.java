package eu.stratuslab.pdisk.http;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

import org.junit.Test;

import eu.stratuslab.pdisk.support.OnAPdisk;
import eu.stratuslab.pdisk.support.PdiskFixture;
import eu.stratuslab.pdisk.support.StartingGate;

/** 100 concurrent attach requests for one read-write disk: exactly one wins (pdisk-api.md §5.10). */
public class ConcurrentAttachTest extends OnAPdisk {
    @Test
    public void exactlyOneOfHundredConcurrentAttachesSucceeds() throws Exception {
        String uuid = pdisk.create("alice", "size=1");
        int n = 100;
        List<Future<Integer>> results = new ArrayList<>();
        try (StartingGate gate = new StartingGate(32)) {
            for (int i = 0; i < n; i++) {
                String form = "node=node" + (i % 4) + "&vm_id=" + (1000 + i);
                results.add(gate.submit(() -> pdisk.postForm("alice", "disks/" + uuid + "/mounts/", form).statusCode()));
            }
            gate.open();
            int ok = 0;
            int conflict = 0;
            for (Future<Integer> f : results) {
                int status = StartingGate.result(f);
                if (status == 200) {
                    ok++;
                } else if (status == 409) {
                    conflict++;
                }
            }
            assertEquals(1, ok);
            assertEquals(n - 1, conflict);
        }
        assertEquals(1, PdiskFixture.json(pdisk.get("alice", "disks/" + uuid + "/mounts")).size());
        assertEquals(1, pdisk.nodeRunner.calls().size());
    }
}
