package eu.stratuslab.hooks.node;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.stratuslab.core.transfer.PreparedDisk;
import java.util.List;
import org.junit.Test;

/** pdisk TURLs (pdisk-api.md §9) as libvirt network sources. */
public class NetworkVolumesTest {

    @Test
    public void anIscsiTurlBecomesTargetSlashLunAtThePortal() {
        assertEquals(new PreparedDisk.NetworkSource("iscsi", "iqn.2011-01.eu.stratuslab:4f1e/1", "storage.example.org", 3260),
                NetworkVolumes.of("iscsi://storage.example.org:3260/iqn.2011-01.eu.stratuslab:4f1e:1"));
        assertEquals(new PreparedDisk.NetworkSource("iscsi", "iqn.1992-08.com.netapp:sn.42/7", "filer", 3260),
                NetworkVolumes.of("iscsi://filer/iqn.1992-08.com.netapp:sn.42:7"));
        assertEquals(new PreparedDisk.NetworkSource("iscsi", "iqn.2011-01.eu.stratuslab:x/1", "127.0.0.1", 40123),
                NetworkVolumes.of(" iscsi://127.0.0.1:40123/iqn.2011-01.eu.stratuslab:x:1\n"));
    }

    /** disks.json is written and read back with a plain ObjectMapper at every boot (HookTransferManager). */
    @Test
    public void theLayoutFileKeepsTheNetworkSourceAndReadsOldFiles() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<PreparedDisk> disks = List.of(
                new PreparedDisk("iscsi://h:3260/iqn.x:v:1", "vda", "raw", false, false,
                        NetworkVolumes.of("iscsi://h:3260/iqn.x:v:1")),
                new PreparedDisk("/var/lib/one/1/images/disk.1", "hdc", "raw", true, true));
        String text = json.writeValueAsString(disks);
        assertEquals(disks, json.readValue(text, new TypeReference<List<PreparedDisk>>() { }));
        String before = "[{\"path\":\"/d\",\"target\":\"vda\",\"driverType\":\"qcow2\",\"readOnly\":false,\"cdrom\":false}]";
        assertEquals(List.of(new PreparedDisk("/d", "vda", "qcow2", false, false)),
                json.readValue(before, new TypeReference<List<PreparedDisk>>() { }));
    }

    @Test
    public void otherTransportsStayOnTheNode() {
        assertNull(NetworkVolumes.of("file:///var/lib/stratuslab/pdisk/4f1e"));
        assertNull(NetworkVolumes.of("rbd://mon1:6789/cloud/4f1e"));
    }

    @Test
    public void anIscsiTurlWithoutLunIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkVolumes.of("iscsi://host:3260/iqn-without-lun"));
        assertEquals("TURL iscsi://host:3260/iqn-without-lun does not name an iSCSI target and LUN (<iqn>:<lun>)",
                e.getMessage());
    }
}
