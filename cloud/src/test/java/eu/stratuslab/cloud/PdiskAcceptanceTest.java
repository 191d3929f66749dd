package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.Assume;
import org.junit.Test;

/**
 * The pdisk issue's acceptance on a cloud started by the launcher: the legacy CLI's pdisk call
 * sequences (create, describe, update, attach, detach, delete), made with Python 3's urllib over
 * the cloud's HTTPS pdisk endpoint with the demo user's generated credentials, including the 401
 * challenge and the status codes (the script is the one pdisk-server's own test runs).
 */
public class PdiskAcceptanceTest extends OnACloudSite {
    @Test
    public void legacyPdiskCallSequencesWorkOnTheRunningCloud() throws Exception {
        Path home = site.home("cloud", CloudSite.EPHEMERAL_PORTS);
        // The script attaches volumes to made-up VM ids (42, 43): mounts are bookkeeping only here.
        // Attach through the cloud's hot-plug (the default) is PdiskVolumesInVmsTest's subject.
        Files.writeString(home.resolve("etc/stratuslab/pdisk.cfg"), "disk.store.cloud.service.user = pdisk\n"
                + "disk.store.cloud.node.hotplug = none\n");
        CloudLauncher cloud = site.start(home);
        Path script = site.tmp().newFile("legacy_client.py").toPath();
        try (InputStream in = getClass().getResourceAsStream("/legacy/legacy_client.py")) {
            Files.write(script, in.readAllBytes());
        }
        String demoPassword = CloudSite.password(home, "demo");
        ProcessBuilder pb = new ProcessBuilder("python3", script.toString(), cloud.endpoints().get("pdisk"), "demo",
                demoPassword).redirectErrorStream(true);
        pb.environment().put("PDISK_INSECURE", "1"); // self-signed certificate of a fresh cloud
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            Assume.assumeTrue("python3 is not available", "1".equals(System.getenv("STRATUSLAB_FULL_TESTS")));
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("python client did not finish", p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(out, 0, p.exitValue());
        String uuid = out.lines().filter(l -> l.startsWith("DISK ")).findFirst().orElseThrow().substring(5);
        assertTrue(out, out.contains("CHALLENGE Basic realm=\"StratusLab Password Realm\""));
        assertTrue(out, out.contains("\towner: demo\n"));
        assertTrue(out, out.contains("UPDATED tag=renamed visibility=PUBLIC"));
        assertTrue(out, out.contains("ATTACHED " + uuid + " in VM 42 on /dev/vdz"));
        assertTrue(out, out.contains("DISK " + uuid + ": volume already mounted"));
        assertTrue(out, out.contains("DETACHED " + uuid + " from VM 42 on /dev/vdz"));
        assertTrue(out, out.contains("DELETED " + uuid));
        assertTrue(out, out.contains("GONE " + uuid));
    }
}
