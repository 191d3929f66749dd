package eu.stratuslab.pdisk.http;

import static org.junit.Assert.assertEquals;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.Rule;
import org.junit.Test;

import eu.stratuslab.pdisk.support.PdiskFixture;

/** 100 concurrent attach requests for one read-write disk: exactly one wins (pdisk-api.md §5.10). */
public class ConcurrentAttachTest {

    @Rule
    public final PdiskFixture pdisk = new PdiskFixture();

    @Test
    public void exactlyOneOfHundredConcurrentAttachesSucceeds() throws Exception {
        String uuid = pdisk.create("alice", "size=1");
        int n = 100;
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                String form = "node=node" + (i % 4) + "&vm_id=" + (1000 + i);
                results.add(pool.submit(() -> {
                    start.await();
                    HttpResponse<String> r = pdisk.postForm("alice", "disks/" + uuid + "/mounts/", form);
                    return r.statusCode();
                }));
            }
            start.countDown();
            int ok = 0;
            int conflict = 0;
            for (Future<Integer> f : results) {
                int status = f.get(120, TimeUnit.SECONDS);
                if (status == 200) {
                    ok++;
                } else if (status == 409) {
                    conflict++;
                }
            }
            assertEquals(1, ok);
            assertEquals(n - 1, conflict);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, PdiskFixture.json(pdisk.get("alice", "disks/" + uuid + "/mounts")).size());
        assertEquals(1, pdisk.nodeRunner.calls().size());
    }
}
