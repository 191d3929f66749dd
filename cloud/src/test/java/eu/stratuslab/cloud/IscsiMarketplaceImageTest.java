package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.stratuslab.core.testsupport.Await;
import eu.stratuslab.infra.exec.CommandResult;
import eu.stratuslab.infra.exec.ProcessCommandRunner;
import eu.stratuslab.pdisk.support.SystemTools;
import eu.stratuslab.pdisk.support.TgtDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.Before;
import org.junit.Test;

/**
 * A marketplace image on an iSCSI-exported pdisk (file volumes + a real tgtd on a loopback portal):
 * the prolog registers the VM's snapshot and hands the domain a libvirt network disk (qemu's own
 * initiator), instead of failing for want of a kernel initiator. The VM runs on {@code test:///default};
 * libiscsi's {@code iscsi-ls} lists the snapshot's target and {@code qemu-img compare}, through qemu's
 * iSCSI driver at exactly the prepared source, finds the image's bytes on the LUN. A persistent data
 * disk of the same backend ({@code pdisk:} source) is a network disk too. Shutdown unregisters both and
 * quarantines the snapshot (the data disk is kept).
 */
public class IscsiMarketplaceImageTest extends OnACloudSite {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TgtDaemon tgtd;
    private LoopbackImageServer images;
    private MarketplaceCloud cloud;
    private final ProcessCommandRunner runner = new ProcessCommandRunner();

    @Before
    public void start() throws Exception {
        Path storage = site.newFolder("storage");
        tgtd = site.closeAtEnd(TgtDaemon.start(storage.resolve("tgtd.log")));
        SystemTools.assumeCommand("sh", "-c", "command -v iscsi-ls && command -v qemu-img");
        Path home = site.newFolder("cloud");
        CloudSite.writeIscsiBackend(home, storage, tgtd);
        byte[] raw = new byte[768 * 1024];
        new Random(3).nextBytes(raw);
        Files.write(site.root().resolve("image.img"), raw);
        images = site.closeAtEnd(new LoopbackImageServer("image.img", raw));
        cloud = site.marketplaceCloud(home, "");
    }

    @Test
    public void theVmsSnapshotIsANetworkDiskThatQemuReadsOverIscsi() throws Exception {
        String id = cloud.publishByLocation(images.location(), "iscsi-image");
        String data = cloud.pdiskCreate("size=1&tag=iscsi-data");
        String pdiskEndpoint = cloud.launcher.endpoints().get("pdisk");
        int vm = cloud.allocate("CPU = 0.1\nMEMORY = 32\nDISK = [ SOURCE = \"" + id + "\", TARGET = \"vda\" ]\n"
                + "DISK = [ SOURCE = \"pdisk:" + pdiskEndpoint + "/" + data + "\", TARGET = \"vdb\" ]\n"
                + "NIC = [ NETWORK = \"public\", NETWORK_UNAME = \"oneadmin\" ]\n"
                + "CONTEXT = [ HOSTNAME = \"iscsi\", TARGET = \"hdc\" ]\n");
        cloud.await(vm, 3, Duration.ofMinutes(3));

        // the persistent data disk on the same backend: also a network disk, also registered
        JsonNode dataDisk = JSON.readTree(cloud.home.resolve("var/lib/one").resolve(Integer.toString(vm))
                .resolve("disks.json").toFile()).get(1);
        assertEquals("vdb", dataDisk.get("target").asText());
        assertEquals("iqn.2011-01.eu.stratuslab:" + data + "/1", dataDisk.get("network").get("name").asText());
        List<JsonNode> live = cloud.pdiskDisks().stream()
                .filter(d -> "MACHINE_IMAGE_LIVE".equals(d.get("type").asText())).toList();
        assertEquals(live.toString(), 1, live.size());
        String snapshot = live.get(0).get("uuid").asText();
        String iqn = "iqn.2011-01.eu.stratuslab:" + snapshot;

        Path vmDir = cloud.home.resolve("var/lib/one").resolve(Integer.toString(vm));
        JsonNode root = JSON.readTree(vmDir.resolve("disks.json").toFile()).get(0);
        assertEquals("vda", root.get("target").asText());
        assertEquals("raw", root.get("driverType").asText());
        assertEquals("iscsi://127.0.0.1:" + tgtd.portalPort + "/" + iqn + ":1", root.get("path").asText());
        JsonNode net = root.get("network");
        assertEquals("iscsi", net.get("protocol").asText());
        assertEquals(iqn + "/1", net.get("name").asText());
        assertEquals("127.0.0.1", net.get("host").asText());
        assertEquals(tgtd.portalPort, net.get("port").asInt());
        List<String> registered = Files.readAllLines(vmDir.resolve("pdisk"));
        assertEquals(2, registered.size());
        assertTrue(registered.get(0), registered.get(0).endsWith("/" + snapshot));
        assertTrue(registered.get(1), registered.get(1).endsWith("/" + data));
        assertEquals(1, cloud.pdiskDisks().stream().filter(d -> snapshot.equals(d.get("uuid").asText()))
                .findFirst().orElseThrow().get("count").asInt());

        CommandResult ls = runner.run(List.of("iscsi-ls", "-s", "iscsi://127.0.0.1:" + tgtd.portalPort));
        assertEquals(ls.output(), 0, ls.exitCode());
        assertTrue(ls.output(), ls.output().contains("Target:" + iqn));
        // qemu's initiator at the prepared source: the LUN holds the image, zeros after it
        String source = "iscsi://" + net.get("host").asText() + ":" + net.get("port").asInt() + "/" + net.get("name").asText();
        CommandResult compare = runner.run(List.of("qemu-img", "compare", "-f", "raw", "-F", "raw",
                site.root().resolve("image.img").toString(), source));
        assertEquals(compare.output(), 0, compare.exitCode());

        cloud.action("shutdown", vm);
        cloud.await(vm, 6, Duration.ofMinutes(2));
        Await.await("the snapshot unregistered and quarantined", Duration.ofSeconds(30), () -> {
            try {
                JsonNode s = cloud.pdiskDisks().stream().filter(d -> snapshot.equals(d.get("uuid").asText()))
                        .findFirst().orElseThrow();
                JsonNode v = cloud.pdiskDisks().stream().filter(d -> data.equals(d.get("uuid").asText()))
                        .findFirst().orElseThrow();
                return s.get("count").asInt() == 0 && s.has("quarantine") && v.get("count").asInt() == 0
                        && !v.has("quarantine");
            } catch (Exception e) {
                return false;
            }
        });
    }
}
