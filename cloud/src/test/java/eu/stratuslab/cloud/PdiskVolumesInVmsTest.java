package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.stratuslab.vmm.HypervisorDriver;
import eu.stratuslab.vmm.domain.DomainXml;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.Before;
import org.junit.Test;

/**
 * Issue 10's acceptance for volumes, on the cloud exactly as {@code ./stratuslab up} starts it
 * (embedded {@code test:///default} host, pdisk with the file backend, embedded marketplace), all
 * through the one-proxy and pdisk's REST API over HTTPS as the demo user: pdisk volumes at boot in
 * every {@code pdisk:} form (hooks.md §3.4) with the owner check, type rules and messages, read-only
 * volumes read-only in the guest, booting from a live volume, hot-plug through pdisk's mounts API
 * into the running domain (pdisk-api.md §11.3), refusals for VMs that do not run, the epilog
 * detaching everything (§4.1), and 50 concurrent writable attaches of one volume.
 */
public class PdiskVolumesInVmsTest extends OnACloudSite {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = "test:///default";

    private MarketplaceCloud cloud;
    private String pdisk;
    private String imageId;

    @Before
    public void start() throws Exception {
        cloud = site.marketplaceCloud("vm.monitoring_interval = 1\n");
        pdisk = cloud.launcher.endpoints().get("pdisk");
        imageId = CloudSite.publishedImage(cloud.home);
    }

    // ------------------------------------------------------------------ the cloud's APIs

    /** Waits up to 90 s for STATE {@code state} (3 means ACTIVE/RUNNING; a VM that FAILED instead fails the test). */
    private void await(int id, int state) {
        cloud.await(id, state, Duration.ofSeconds(90));
    }

    private String failure(int id) throws Exception {
        await(id, 7);
        return MarketplaceCloud.element(cloud.info(id), "MESSAGE");
    }

    private String createVolume(String user, String form) throws Exception {
        HttpResponse<String> r = cloud.pdisk(user, "POST", "disks/", form);
        assertEquals(r.body(), 201, r.statusCode());
        return JSON.readTree(r.body()).get("uuid").asText();
    }

    private JsonNode disk(String uuid) throws Exception {
        HttpResponse<String> r = cloud.pdisk("pdisk", "GET", "disks/" + uuid, null);
        assertEquals(r.body(), 200, r.statusCode());
        return JSON.readTree(r.body());
    }

    private List<JsonNode> mounts(String uuid) throws Exception {
        HttpResponse<String> r = cloud.pdisk("demo", "GET", "disks/" + uuid + "/mounts/", null);
        assertEquals(r.body(), 200, r.statusCode());
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(r.body()).forEach(out::add);
        return out;
    }

    private HttpResponse<String> attach(String uuid, int vmId) throws Exception {
        return cloud.pdisk("demo", "POST", "disks/" + uuid + "/mounts/", "node=localhost&vm_id=" + vmId);
    }

    private HypervisorDriver driver() throws Exception {
        return cloud.launcher.core().drivers().driverFor(HOST, "vmm_kvm", Map.of());
    }

    private String domainXml(int id) throws Exception {
        return driver().domainXml("one-" + id);
    }

    private String root() {
        return "CPU = 0.1\nMEMORY = 64\n" + CloudSite.PUBLIC_NIC + "DISK = [ SOURCE = \"" + imageId + "\", TARGET = \"vda\" ]\n";
    }

    // ------------------------------------------------------------------ tests

    @Test
    public void aUsersVolumeAtBootAHotPluggedOneAndNothingLeftAfterShutdown() throws Exception {
        String data = createVolume("demo", "size=1&tag=data");
        String second = createVolume("demo", "size=1&tag=second");
        String shared = createVolume("demo", "size=1&tag=shared&type=DATA_IMAGE_RAW_READONLY");
        URI endpoint = URI.create(pdisk);
        int id = cloud.allocate(root()
                + "DISK = [ SOURCE = \"pdisk:" + pdisk + "/" + data + "\", TARGET = \"vdb\" ]\n"
                + "DISK = [ SOURCE = \"pdisk://" + endpoint.getAuthority() + endpoint.getPath() + "/" + shared
                + "\", TARGET = \"vdc\" ]\n");
        await(id, 3);

        List<JsonNode> m = mounts(data);
        assertEquals(m.toString(), 1, m.size());
        assertEquals(Integer.toString(id), m.get(0).get("vmId").asText());
        assertEquals("static", m.get(0).get("device").asText());
        assertEquals(1, mounts(shared).size());
        assertEquals("1", disk(data).get("count").asText());

        String xml = domainXml(id);
        String vdb = DomainDisks.element(xml, "vdb");
        assertTrue(xml, vdb != null && vdb.contains("/images/disk.1"));
        assertFalse(vdb, vdb.contains("<readonly"));
        assertTrue("a read-only volume is read-only in the guest: " + xml, DomainDisks.element(xml, "vdc").contains("<readonly"));

        // hot-plug through pdisk's mounts API, as stratus-attach-volume does
        HttpResponse<String> plugged = attach(second, id);
        assertEquals(plugged.body(), 200, plugged.statusCode());
        assertEquals("vdz", JSON.readTree(plugged.body()).get("target").asText());
        assertEquals(1, mounts(second).size());
        String vdz = DomainDisks.element(domainXml(id), "vdz");
        assertTrue(domainXml(id), vdz != null && vdz.contains("/images/" + second));

        // a second VM wanting the same writable volume fails with pdisk's text
        int rival = cloud.allocate(root() + "DISK = [ SOURCE = \"pdisk:" + pdisk + "/" + data + "\", TARGET = \"vdb\" ]\n");
        assertEquals("prolog: volume already mounted", failure(rival));
        assertEquals(1, mounts(data).size());

        cloud.action("shutdown", id);
        await(id, 6);
        for (String uuid : List.of(data, second, shared)) {
            assertEquals(uuid, List.of(), mounts(uuid));
            assertEquals(uuid, "demo", disk(uuid).get("owner").asText());
            assertFalse(uuid, disk(uuid).has("quarantine"));
        }
        List<JsonNode> live = new ArrayList<>();
        JSON.readTree(cloud.pdisk("pdisk", "GET", "disks/", null).body()).forEach(d -> {
            if ("MACHINE_IMAGE_LIVE".equals(d.get("type").asText())) {
                live.add(d);
            }
        });
        assertTrue(live.toString(), live.stream().anyMatch(d -> d.has("quarantine")));

        HttpResponse<String> late = attach(second, id);
        assertEquals(late.body(), 409, late.statusCode());
        assertTrue(late.body(), late.body().contains("VM " + id + " is not running (DONE)"));
        assertEquals(List.of(), mounts(second));
        HttpResponse<String> unknown = attach(second, 9999);
        assertEquals(unknown.body(), 404, unknown.statusCode());
        assertEquals(List.of(), mounts(second));
    }

    @Test
    public void ownerCheckTypeRulesAndBootingFromALiveVolume() throws Exception {
        String rw = createVolume("demo", "size=1");
        String missing = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
        String foreign = createVolume("pdisk", "size=1&owner=alice");
        assertEquals("prolog: Persistent disk " + missing + " does not exist",
                failure(cloud.allocate(root() + "DISK = [ SOURCE = \"pdisk:" + pdisk + "/" + missing + "\", TARGET = vdb ]\n")));
        assertEquals("prolog: User demo is not authorized to use disk " + foreign,
                failure(cloud.allocate(root() + "DISK = [ SOURCE = \"pdisk:" + pdisk + "/" + foreign + "\", TARGET = vdb ]\n")));
        assertEquals("prolog: Only a live persistent disk can be booted from.",
                failure(cloud.allocate("CPU = 0.1\nMEMORY = 64\n" + CloudSite.PUBLIC_NIC + "DISK = [ SOURCE = \"pdisk:" + pdisk + "/" + rw
                        + "\", TARGET = vda ]\n")));
        assertEquals("nothing is left mounted by the failed VMs", List.of(), mounts(rw));

        // a live snapshot of the cached image, given to the demo user, boots a VM (legacy form pdisk:<host>:<port>:<uuid>)
        int first = cloud.allocate(root());
        await(first, 3);
        String origin = null;
        for (JsonNode d : JSON.readTree(cloud.pdisk("pdisk", "GET", "disks/", null).body())) {
            if ("MACHINE_IMAGE_ORIGIN".equals(d.get("type").asText())) {
                origin = d.get("uuid").asText();
            }
        }
        HttpResponse<String> cow = cloud.pdisk("pdisk", "POST", "disks/" + origin, "");
        assertEquals(cow.body(), 200, cow.statusCode());
        String live = JSON.readTree(cow.body()).get("uuid").asText();
        assertEquals(303, cloud.pdisk("pdisk", "PUT", "disks/" + live, "owner=demo").statusCode()); // pdisk-api.md §5.6
        URI endpoint = URI.create(pdisk);
        String legacy = "pdisk:" + endpoint.getHost() + ":" + endpoint.getPort() + ":" + live;
        int booted = cloud.allocate("CPU = 0.1\nMEMORY = 64\n" + CloudSite.PUBLIC_NIC + "DISK = [ SOURCE = \"" + legacy + "\", TARGET = vda ]\n"
                + "DISK = [ SOURCE = \"pdisk:" + pdisk + "/" + rw + "\", TARGET = vdb ]\n");
        await(booted, 3);
        String vda = DomainDisks.element(domainXml(booted), "vda");
        assertTrue(vda, vda.contains("/images/disk.0") && vda.contains("qcow2"));
        assertEquals(1, mounts(live).size());

        assertEquals("prolog: User count must be zero to boot from persistent disk " + live + ".",
                failure(cloud.allocate("CPU = 0.1\nMEMORY = 64\n" + CloudSite.PUBLIC_NIC + "DISK = [ SOURCE = \"pdisk:" + pdisk + "/" + live
                        + "\", TARGET = vda ]\n")));
        assertEquals("prolog: Persistent disk " + live + " has type MACHINE_IMAGE_LIVE; only DATA_IMAGE_RAW_READONLY"
                + " or DATA_IMAGE_RAW_READ_WRITE can be attached.",
                failure(cloud.allocate(root() + "DISK = [ SOURCE = \"pdisk:" + pdisk + "/" + live + "\", TARGET = vdb ]\n")));

        cloud.action("shutdown", booted);
        await(booted, 6);
        assertEquals(List.of(), mounts(live));
        assertEquals(List.of(), mounts(rw));
        assertEquals("the user's live volume keeps its owner", "demo", disk(live).get("owner").asText());
        assertFalse("and is not quarantined", disk(live).has("quarantine"));
    }

    @Test
    public void stopAndResumeKeepTheVolumeMounted() throws Exception {
        String data = createVolume("demo", "size=1");
        int id = cloud.allocate(root() + "DISK = [ SOURCE = \"pdisk:" + pdisk + "/" + data + "\", TARGET = \"vdb\" ]\n");
        await(id, 3);
        cloud.action("stop", id);
        await(id, 4);
        assertEquals("a stopped VM keeps its volume (hooks.md §1.1)", 1, mounts(data).size());
        cloud.action("resume", id);
        await(id, 3);
        assertEquals(1, mounts(data).size());
        assertTrue(domainXml(id), DomainDisks.element(domainXml(id), "vdb").contains("/images/disk.1"));
        cloud.action("shutdown", id);
        await(id, 6);
        assertEquals(List.of(), mounts(data));
    }

    @Test
    public void ofFiftyConcurrentWritableAttachesOfOneVolumeExactlyOneWins() throws Exception {
        int vms = 5;
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < vms; i++) {
            ids.add(cloud.allocate("CPU = 0.1\nMEMORY = 64\n" + CloudSite.PUBLIC_NIC));
        }
        for (int id : ids) {
            await(id, 3);
        }
        String volume = createVolume("demo", "size=1");
        int n = 50;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                int vm = ids.get(i % vms);
                answers.add(pool.submit(() -> {
                    go.await();
                    return attach(volume, vm);
                }));
            }
            go.countDown();
            List<HttpResponse<String>> won = new ArrayList<>();
            List<HttpResponse<String>> lost = new ArrayList<>();
            for (Future<HttpResponse<String>> f : answers) {
                HttpResponse<String> r = f.get(120, TimeUnit.SECONDS);
                (r.statusCode() == 200 ? won : lost).add(r);
            }
            assertEquals(1, won.size());
            for (HttpResponse<String> r : lost) {
                // the winner's VM: "Mount already exists"; every other VM: "volume already mounted"
                assertTrue(r.statusCode() + " " + r.body(), r.statusCode() == 409 || r.statusCode() == 403);
            }
        } finally {
            pool.shutdownNow();
        }
        List<JsonNode> m = mounts(volume);
        assertEquals(1, m.size());
        int plugged = 0;
        for (int id : ids) {
            if (domainXml(id).contains("/images/" + volume)) {
                plugged++;
                assertEquals(Integer.toString(id), m.get(0).get("vmId").asText());
                assertTrue(DomainXml.diskTargets(domainXml(id)).contains("vdz"));
            }
        }
        assertEquals("exactly one domain has the volume", 1, plugged);
    }
}
