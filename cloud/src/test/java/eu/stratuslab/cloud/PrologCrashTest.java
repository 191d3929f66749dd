package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import eu.stratuslab.core.testsupport.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/**
 * Crash safety of the prolog (docs/hooks.md): the cloud runs as its own JVM ({@code CloudLauncher}, as
 * {@code ./stratuslab up} starts it). The demo user starts the published image; the prolog makes and
 * journals the VM's snapshot, attaches it, and is then held in the context step (a test-controlled
 * {@code genisoimage} first on the cloud's PATH tells the test it was reached and waits). The test kills
 * the JVM with SIGKILL there. {@code prolog.journal} is left behind; the restarted cloud re-runs the
 * prolog, which deletes the leftover snapshot and its mount before it makes a new one: pdisk then holds
 * exactly one live snapshot for the VM, and the VM runs.
 */
public class PrologCrashTest extends OnACloudSite {
    private static final Duration START = Duration.ofMinutes(3);

    @Test
    public void aPrologKilledAfterItsSnapshotLeavesAJournalAndTheRestartUndoesTheSnapshot() throws Exception {
        CloudJvm cloud = site.closeAtEnd(new CloudJvm(site.newFolder("cloud"), ""));
        Path tools = site.newFolder("tools");
        Path armed = site.root().resolve("armed");
        Path reached = site.root().resolve("reached");
        Path genisoimage = tools.resolve("genisoimage");
        Files.writeString(genisoimage, "#!/bin/sh\n"
                + "if [ -e '" + armed + "' ]; then\n"
                + "  echo $$ > '" + reached + ".tmp' && mv '" + reached + ".tmp' '" + reached + "'\n"
                + "  exec sleep 600\n" // held until the test kills the cloud (and then this process)
                + "fi\n"
                + "exec /usr/bin/genisoimage \"$@\"\n");
        Files.setPosixFilePermissions(genisoimage, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertTrue("genisoimage is needed for the context step", Files.isExecutable(Path.of("/usr/bin/genisoimage")));

        cloud.withPathFirst(tools);
        cloud.start(null);
        String imageId = CloudSite.publishedImage(cloud.home);
        Files.writeString(armed, "");
        int vm = cloud.allocate("CPU = 0.1\nMEMORY = 32\nDISK = [ SOURCE = \"" + imageId + "\", TARGET = \"vda\" ]\n"
                + "NIC = [ NETWORK = \"public\", NETWORK_UNAME = \"oneadmin\" ]\n"
                + "CONTEXT = [ HOSTNAME = \"crash\", TARGET = \"hdc\" ]\n");
        Await.await("the prolog of VM " + vm + " to reach its context step", START, () -> Files.exists(reached),
                cloud::tail);
        long heldTool = Long.parseLong(Files.readString(reached).strip());
        site.closeAtEnd(() -> ProcessHandle.of(heldTool).ifPresent(ProcessHandle::destroyForcibly));

        cloud.kill(); // SIGKILL: no shutdown hook runs
        ProcessHandle.of(heldTool).ifPresent(ProcessHandle::destroyForcibly);
        Files.delete(armed);

        Path vmDir = cloud.home.resolve("var/lib/one").resolve(Integer.toString(vm));
        Path journal = vmDir.resolve("prolog.journal");
        assertTrue("the killed prolog left its journal", Files.isRegularFile(journal));
        List<String> journalled = Files.readAllLines(journal).stream().filter(l -> !l.isBlank()).toList();
        assertEquals(journalled.toString(), 1, journalled.size());
        String leftover = journalled.get(0).strip();

        cloud.start(null);
        cloud.await(vm, "3/3", START);

        assertEquals("the leftover snapshot is gone", 404, cloud.pdisk("pdisk", "GET", "disks/" + leftover, null).statusCode());
        List<JsonNode> live = new ArrayList<>();
        for (JsonNode d : cloud.disks()) {
            if ("MACHINE_IMAGE_LIVE".equals(d.get("type").asText())) {
                live.add(d);
            }
        }
        assertEquals("no orphan snapshot: " + live, 1, live.size());
        String current = live.get(0).get("uuid").asText();
        assertNotEquals(leftover, current);
        assertEquals("demo", live.get(0).get("owner").asText());
        assertFalse(live.get(0).has("quarantine"));
        assertEquals(List.of(Integer.toString(vm)), cloud.mountedOn(current));
        assertEquals(List.of(current), Files.readAllLines(journal).stream().filter(l -> !l.isBlank()).toList());
    }
}
