package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.stratuslab.core.testsupport.Await;
import eu.stratuslab.xmlrpc.XmlRpcClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Crash safety of the prolog (docs/hooks.md): the cloud runs as its own JVM ({@code CloudLauncher}, as
 * {@code ./stratuslab up} starts it). The demo user starts the published image; the prolog makes and
 * journals the VM's snapshot, attaches it, and is then held in the context step (a test-controlled
 * {@code genisoimage} first on the cloud's PATH tells the test it was reached and waits). The test kills
 * the JVM with SIGKILL there. {@code prolog.journal} is left behind; the restarted cloud re-runs the
 * prolog, which deletes the leftover snapshot and its mount before it makes a new one: pdisk then holds
 * exactly one live snapshot for the VM, and the VM runs.
 */
public class PrologCrashTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofMinutes(3);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Process cloud;
    private Path log;
    private Long heldTool;

    @After
    public void stop() throws Exception {
        if (heldTool != null) {
            ProcessHandle.of(heldTool).ifPresent(ProcessHandle::destroyForcibly);
        }
        if (cloud != null && cloud.isAlive()) {
            cloud.destroy();
            if (!cloud.waitFor(60, TimeUnit.SECONDS)) {
                cloud.destroyForcibly();
            }
        }
    }

    private Process startCloud(Path home, Path pathFirst) throws Exception {
        log = home.resolve("cloud-" + System.nanoTime() + ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx384m", CloudLauncher.class.getName(),
                "--home", home.toString());
        pb.environment().put("PATH", pathFirst + ":" + System.getenv("PATH"));
        // output to a file, never to a pipe nobody drains
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Await.await("the cloud to print READY", START, () -> {
            if (!p.isAlive()) {
                throw new AssertionError("the cloud exited with " + p.exitValue() + ":\n" + read(log));
            }
            return read(log).lines().anyMatch(l -> l.startsWith("READY"));
        }, () -> read(log));
        return p;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String value(Path file, String key, String separator) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> l.startsWith(key + separator)).findFirst()
                .orElseThrow(() -> new AssertionError(key + " not in " + file)).substring(key.length() + 1).strip();
    }

    @Test
    public void aPrologKilledAfterItsSnapshotLeavesAJournalAndTheRestartUndoesTheSnapshot() throws Exception {
        Path home = tmp.newFolder("cloud").toPath();
        Files.createDirectories(home.resolve("etc/stratuslab"));
        Files.writeString(home.resolve("etc/stratuslab/cloud.cfg"),
                "rpc2.port = 0\nproxy.port = 0\npdisk.port = 0\nmarketplace.port = 0\n");
        Path tools = tmp.newFolder("tools").toPath();
        Path armed = tmp.getRoot().toPath().resolve("armed");
        Path reached = tmp.getRoot().toPath().resolve("reached");
        Path genisoimage = tools.resolve("genisoimage");
        Files.writeString(genisoimage, "#!/bin/sh\n"
                + "if [ -e '" + armed + "' ]; then\n"
                + "  echo $$ > '" + reached + ".tmp' && mv '" + reached + ".tmp' '" + reached + "'\n"
                + "  exec sleep 600\n" // held until the test kills the cloud (and then this process)
                + "fi\n"
                + "exec /usr/bin/genisoimage \"$@\"\n");
        Files.setPosixFilePermissions(genisoimage, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertTrue("genisoimage is needed for the context step", Files.isExecutable(Path.of("/usr/bin/genisoimage")));

        cloud = startCloud(home, tools);
        String imageId = Files.readAllLines(home.resolve("images.txt")).get(0).split(" ")[0];
        Files.writeString(armed, "");
        int vm = allocate(home, "CPU = 0.1\nMEMORY = 32\nDISK = [ SOURCE = \"" + imageId + "\", TARGET = \"vda\" ]\n"
                + "NIC = [ NETWORK = \"public\", NETWORK_UNAME = \"oneadmin\" ]\n"
                + "CONTEXT = [ HOSTNAME = \"crash\", TARGET = \"hdc\" ]\n");
        Await.await("the prolog of VM " + vm + " to reach its context step", START, () -> Files.exists(reached),
                () -> read(log));
        heldTool = Long.valueOf(Files.readString(reached).strip());

        cloud.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(cloud.waitFor(60, TimeUnit.SECONDS));
        ProcessHandle.of(heldTool).ifPresent(ProcessHandle::destroyForcibly);
        Files.delete(armed);

        Path vmDir = home.resolve("var/lib/one").resolve(Integer.toString(vm));
        Path journal = vmDir.resolve("prolog.journal");
        assertTrue("the killed prolog left its journal", Files.isRegularFile(journal));
        List<String> journalled = Files.readAllLines(journal).stream().filter(l -> !l.isBlank()).toList();
        assertEquals(journalled.toString(), 1, journalled.size());
        String leftover = journalled.get(0).strip();

        cloud = startCloud(home, tools);
        awaitRunning(home, vm);

        assertEquals("the leftover snapshot is gone", 404, pdiskStatus(home, "disks/" + leftover));
        List<JsonNode> live = new ArrayList<>();
        for (JsonNode d : pdiskList(home)) {
            if ("MACHINE_IMAGE_LIVE".equals(d.get("type").asText())) {
                live.add(d);
            }
        }
        assertEquals("no orphan snapshot: " + live, 1, live.size());
        String current = live.get(0).get("uuid").asText();
        assertNotEquals(leftover, current);
        assertEquals("demo", live.get(0).get("owner").asText());
        assertFalse(live.get(0).has("quarantine"));
        JsonNode mounts = JSON.readTree(pdiskGet(home, "disks/" + current + "/mounts/").body());
        assertEquals(mounts.toString(), 1, mounts.size());
        assertEquals(Integer.toString(vm), mounts.get(0).get("vmId").asText());
        assertEquals(List.of(current), Files.readAllLines(journal).stream().filter(l -> !l.isBlank()).toList());
    }

    // ---- the cloud seen from outside, as the demo user and the pdisk superuser -------------------

    private static XmlRpcClient demo(Path home) throws Exception {
        return new XmlRpcClient(URI.create(value(home.resolve("endpoints.txt"), "one-proxy", " ")))
                .withSslContext(ReadinessCheck.trustAnyCertificate())
                .withBasicAuth("demo", value(home.resolve("credentials.txt"), "demo", ":"));
    }

    private static int allocate(Path home, String template) throws Exception {
        List<?> r = (List<?>) demo(home).call("one.vm.allocate", "x", template);
        assertEquals(r.toString(), Boolean.TRUE, r.get(0));
        return (Integer) r.get(1);
    }

    private void awaitRunning(Path home, int vm) throws Exception {
        XmlRpcClient client = demo(home);
        String[] last = new String[1];
        Await.await("VM " + vm + " RUNNING after the restart", START, () -> {
            try {
                List<?> r = (List<?>) client.call("one.vm.info", "x", vm);
                String doc = (String) r.get(1);
                last[0] = doc;
                String state = MarketplaceCloud.element(doc, "STATE");
                if ("7".equals(state)) {
                    throw new AssertionError("VM FAILED: " + MarketplaceCloud.element(doc, "MESSAGE"));
                }
                return "3".equals(state) && "3".equals(MarketplaceCloud.element(doc, "LCM_STATE"));
            } catch (AssertionError e) {
                throw e;
            } catch (Exception e) {
                return false;
            }
        }, () -> last[0] + "\n" + read(log));
    }

    private static HttpResponse<String> pdiskGet(Path home, String path) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(ReadinessCheck.trustAnyCertificate()).build();
        String basic = Base64.getEncoder().encodeToString(("pdisk:" + value(home.resolve("credentials.txt"), "pdisk", ":"))
                .getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(value(home.resolve("endpoints.txt"), "pdisk", " ") + "/pswd/" + path))
                .header("Authorization", "Basic " + basic).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int pdiskStatus(Path home, String path) throws Exception {
        return pdiskGet(home, path).statusCode();
    }

    private static List<JsonNode> pdiskList(Path home) throws Exception {
        HttpResponse<String> r = pdiskGet(home, "disks/");
        assertEquals(r.body(), 200, r.statusCode());
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(r.body()).forEach(out::add);
        return out;
    }
}
