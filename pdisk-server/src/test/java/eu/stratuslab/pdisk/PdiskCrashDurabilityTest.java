package eu.stratuslab.pdisk;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.JsonNode;

import eu.stratuslab.core.testsupport.Await;
import eu.stratuslab.pdisk.support.PdiskFixture;
import eu.stratuslab.pdisk.support.PdiskProcess;

/**
 * Durability of the embedded database: a pdisk process is killed with kill -9 right after a burst
 * of acknowledged creates, updates and mounts; after a restart on the same directory every one of
 * them is there (H2 with the core's WRITE_DELAY=0, so an answer means the commit is on disk).
 */
public class PdiskCrashDurabilityTest {

    private static final Duration START = Duration.ofSeconds(120);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Process pdisk;
    private Path log;

    @After
    public void stop() throws Exception {
        if (pdisk != null) {
            pdisk.destroyForcibly();
            pdisk.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Process start(Path dir, int port) throws Exception {
        log = dir.resolve("pdisk-" + System.nanoTime() + ".log");
        // output to a file, never to a pipe nobody drains
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx256m", PdiskProcess.class.getName(),
                dir.toString(), Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Await.await("the pdisk process to print READY", START, () -> {
            if (!p.isAlive()) {
                throw new AssertionError("pdisk exited with " + p.exitValue() + ":\n" + tail());
            }
            try {
                return Files.readAllLines(log, StandardCharsets.UTF_8).stream().anyMatch(l -> l.startsWith("READY"));
            } catch (IOException e) {
                return false;
            }
        }, this::tail);
        return p;
    }

    private String tail() {
        try {
            String s = Files.readString(log);
            return s.substring(Math.max(0, s.length() - 4000));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Test
    public void acknowledgedChangesSurviveKillDashNine() throws Exception {
        Path dir = tmp.newFolder("pdisk").toPath();
        int port = freePort();
        PdiskFixture client = PdiskFixture.clientOf(URI.create("http://127.0.0.1:" + port + "/pdisk"));

        pdisk = start(dir, port);
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
        pdisk.destroyForcibly();
        assertTrue(pdisk.waitFor(30, TimeUnit.SECONDS));

        pdisk = start(dir, port);
        JsonNode all = PdiskFixture.json(client.get("pdisk", "disks/"));
        assertEquals(tail(), tags.size(), all.size());
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
