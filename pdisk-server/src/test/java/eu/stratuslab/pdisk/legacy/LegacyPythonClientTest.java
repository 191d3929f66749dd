package eu.stratuslab.pdisk.legacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

import eu.stratuslab.pdisk.support.OnAPdisk;
import eu.stratuslab.pdisk.support.SystemTools;
import eu.stratuslab.pdisk.support.TestAuthLayer;

/**
 * Runs the legacy client's request sequences (create, describe, update, attach, detach, delete)
 * from a python3 script using only urllib, including its wait for the 401 challenge.
 */
public class LegacyPythonClientTest extends OnAPdisk {
    @Test
    public void legacyCallSequencesWork() throws Exception {
        SystemTools.assumeCommand("python3", "--version");
        Path script = pdisk.dir.resolve("legacy_client.py");
        try (InputStream in = getClass().getResourceAsStream("/legacy/legacy_client.py")) {
            Files.copy(in, script);
        }
        Process p = new ProcessBuilder("python3", script.toString(), pdisk.endpoint.toString(), "alice",
                TestAuthLayer.USERS.get("alice")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("python client did not finish", p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(out, 0, p.exitValue());

        String uuid = out.lines().filter(l -> l.startsWith("DISK ")).findFirst().orElseThrow().substring(5);
        assertTrue(out, out.contains("CHALLENGE Basic realm=\"StratusLab Password Realm\""));
        assertTrue(out, out.contains(":: DISK " + uuid + "\n\ttag: legacy\n\tcount: 0\n\towner: alice\n\tidentifier: \n"
                + "\tsize: 1\n\ttype: DATA_IMAGE_RAW_READ_WRITE\n\tvisibility: PRIVATE\n"));
        assertTrue(out, out.contains("UPDATED tag=renamed visibility=PUBLIC"));
        assertTrue(out, out.contains("FREE 10"));
        assertTrue(out, out.contains("ATTACHED " + uuid + " in VM 42 on /dev/vdz"));
        assertTrue(out, out.contains("DISK " + uuid + ": volume already mounted"));
        assertTrue(out, out.contains("ERROR 409: Conflict. Error: disk (" + uuid + ") is in use and can't be deleted"));
        assertTrue(out, out.contains("MOUNTS 42"));
        assertTrue(out, out.contains("TURL file://" + pdisk.volume(uuid)));
        assertTrue(out, out.contains("DETACHED " + uuid + " from VM 42 on /dev/vdz"));
        assertTrue(out, out.contains("DELETED " + uuid));
        assertTrue(out, out.contains("GONE " + uuid));
    }
}
