package eu.stratuslab.pdisk.http;

import static eu.stratuslab.pdisk.http.DiskApiTest.assertMessage;
import static org.junit.Assert.assertEquals;

import org.junit.Rule;
import org.junit.Test;

import eu.stratuslab.pdisk.support.PdiskFixture;

/**
 * {@code disk.store.cloud.node.hotplug = cloud} before the cloud's VM manager is wired: a hot-plug
 * attach is refused (503) and records nothing, the node tool is never run; registering a static
 * mount (the prolog's) still works.
 */
public class CloudHotplugModeTest {

    @Rule
    public final PdiskFixture pdisk = new PdiskFixture().withConfig(c -> c.withCloudHotplug(true));

    @Test
    public void withoutTheCloudsHotplugAnAttachIsRefusedAndNothingIsRecorded() {
        String a = pdisk.create("alice", "size=1");
        assertMessage(pdisk.postForm("alice", "disks/" + a + "/mounts/", "node=localhost&vm_id=4"), 503,
                "hot-plug is not available: the cloud's VM manager is not running");
        assertEquals("[]", pdisk.get("alice", "disks/" + a + "/mounts/").body().replaceAll("\\s", ""));
        assertEquals(0, pdisk.nodeRunner.calls().size());
        assertEquals(200, pdisk.postForm("pdisk", "disks/" + a + "/mounts/", "node=localhost&vm_id=4&register_only=true")
                .statusCode());
    }
}
