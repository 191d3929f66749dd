package eu.stratuslab.cli.vm;

import static org.junit.Assert.assertEquals;

import java.util.List;
import org.junit.Test;

/** legacy-cli.md §6 state labels and §7 describe-instance layout. */
public class DescribeTableTest {
    private static VmView vm(int id, int state, int lcm, String ip, String name, String error) throws Exception {
        return VmView.parse("<VM><ID>" + id + "</ID><NAME>" + name + "</NAME><STATE>" + state + "</STATE><LCM_STATE>" + lcm
                + "</LCM_STATE><MEMORY>0</MEMORY><CPU>0</CPU><TEMPLATE><VCPU>1</VCPU>"
                + (ip == null ? "" : "<NIC><IP>10.9.9.9</IP></NIC><NIC><NETWORK>public</NETWORK><IP>" + ip + "</IP></NIC>")
                + (error == null ? "" : "<ERROR><MESSAGE>" + error + "</MESSAGE></ERROR>")
                + "</TEMPLATE><HISTORY_RECORDS><HISTORY><HOSTNAME>node1</HOSTNAME></HISTORY>"
                + "<HISTORY><HOSTNAME>node2</HOSTNAME></HISTORY></HISTORY_RECORDS></VM>");
    }

    @Test
    public void theTableOfTheSpec() throws Exception {
        String table = DescribeTable.render(List.of(vm(100, 3, 3, "10.0.0.100", "one-100", null),
                vm(101, 3, 1, "10.0.0.101", "one-101", null)), ip -> ip, false);
        assertEquals("id  state     vcpu memory    cpu% host/ip                 name\n"
                + "100 Running   1    0         0    10.0.0.100              one-100\n"
                + "101 Prolog    1    0         0    10.0.0.101              one-101\n", table);
    }

    @Test
    public void aLongValueWidensItsColumnToLengthPlusOne() throws Exception {
        String table = DescribeTable.render(List.of(vm(123456, 1, 0, "10.0.0.1", "x", null)),
                ip -> "a-very-long-host-name.example.org", false);
        assertEquals("id     state     vcpu memory    cpu% host/ip                           name\n"
                + "123456 Pending   1    0         0    a-very-long-host-name.example.org x\n", table);
    }

    @Test
    public void verboseShowsTheErrorOfFailedVmsOnly() throws Exception {
        List<VmView> vms = List.of(vm(7, 7, 0, null, "bad", "prolog failed: no image"),
                vm(8, 3, 3, "10.0.0.8", "good", "old warning"));
        assertEquals("id  state     vcpu memory    cpu% host/ip                 name\n"
                + "7   Failed    1    0         0                            bad\n"
                + "    prolog failed: no image\n"
                + "8   Running   1    0         0    10.0.0.8                good\n", DescribeTable.render(vms, ip -> ip, true));
    }

    @Test
    public void labelsFollowStateThenLcmStateAndUnknownNumbersAreNamed() {
        assertEquals("Pending", StateLabels.label(1, 0));
        assertEquals("Running", StateLabels.label(3, 3));
        assertEquals("Epilog", StateLabels.label(3, 11));
        assertEquals("Lcm_Init", StateLabels.label(3, 0));
        assertEquals("Unknown", StateLabels.label(3, 16));
        assertEquals("Unknown (17)", StateLabels.label(3, 17));
        assertEquals("Done", StateLabels.label(6, 0));
        assertEquals("Failed", StateLabels.label(7, 0));
        assertEquals("Unknown (8)", StateLabels.label(8, 0));
    }

    @Test
    public void theNodeIsTheLastHistoryAndTheIpTheLastNic() throws Exception {
        VmView v = vm(1, 3, 3, "10.0.0.5", "n", null);
        assertEquals("node2", v.hostname());
        assertEquals("10.0.0.5", v.text("TEMPLATE/NIC/IP"));
        assertEquals("node2", v.flatten().get("history_records_history_hostname"));
        assertEquals("10.0.0.5", v.flatten().get("template_nic_ip"));
    }
}
