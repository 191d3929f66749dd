package eu.stratuslab.template;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import eu.stratuslab.template.vm.DiskTargets;
import java.util.List;
import org.junit.Test;

/** The complete examples (a)–(f) of template.md §3, copied verbatim into test resources. */
public class TemplateExamplesTest {

    @Test
    public void exampleA() throws Exception {
        Template t = TestResources.parseResource("templates/example-a.txt");
        assertEquals(List.of("CPU", "VCPU", "MEMORY", "RANK", "DISK", "DISK", "NIC", "GRAPHICS", "CONTEXT", "INBOUND_PORTS"),
                t.attributes().stream().map(Attribute::name).toList());
        assertEquals("1536", t.getString("MEMORY"));
        assertEquals("- RUNNING_VMS", t.getString("RANK"));
        VectorAttribute root = t.vectors("DISK").get(0);
        assertEquals("https://marketplace.example.org/metadata/BN1EEkPiBx87_uLj2-sdybSI-Xb", root.get("SOURCE"));
        assertEquals("vda", root.get("TARGET"));
        assertEquals("no", root.get("SAVE"));
        assertEquals("raw", root.get("DRIVER"));
        VectorAttribute swap = t.vectors("DISK").get(1);
        assertEquals("swap", swap.get("TYPE"));
        assertEquals("1536", swap.get("SIZE"));
        assertEquals("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7examplekey alice@example.org\n",
                t.firstVector("CONTEXT").get("PUBLIC_KEY"));
        assertEquals("hdd", t.firstVector("CONTEXT").get("TARGET"));
        assertEquals("22", t.getString("INBOUND_PORTS"));
    }

    @Test
    public void exampleB() throws Exception {
        Template t = TestResources.parseResource("templates/example-b.txt");
        assertEquals("0.5", t.getString("CPU"));
        assertEquals("CLUSTER = \"test\"", t.getString("REQUIREMENTS"));
        assertEquals("myvm", t.getString("NAME"));
        assertEquals(4, t.vectors("DISK").size());
        VectorAttribute volatileDisk = t.vectors("DISK").get(2);
        assertEquals(List.of("FORMAT", "READONLY", "SAVE", "SIZE", "TARGET", "TYPE"), List.copyOf(volatileDisk.values().keySet()));
        assertEquals("sdc", volatileDisk.get("TARGET"));
        VectorAttribute nic = t.firstVector("NIC");
        assertEquals("10.1.2.3", nic.get("IP"));
        assertEquals("virtio", nic.get("MODEL"));
        assertEquals("0.0.0.0", t.firstVector("GRAPHICS").get("LISTEN"));
        VectorAttribute ctx = t.firstVector("CONTEXT");
        assertEquals("qux quux", ctx.get("BAZ"));
        assertEquals("two words", ctx.get("B"));
        assertEquals("cloud-init", ctx.get("CONTEXT_METHOD"));
        assertEquals(9, ctx.values().size());
    }

    @Test
    public void exampleBStoredForm() throws Exception {
        Template t = TestResources.parseResource("templates/example-b.txt");
        DiskTargets.assign(t);
        Template expected = TemplateParser.parse(STORED_B);
        assertEquals(TemplateXml.toXml(expected), TemplateXml.toXml(t));
    }

    /** template.md §4, without what the core adds (NIC lease attributes, VMID). */
    private static final String STORED_B = """
            CONTEXT = [ A = "1", B = "two words", BAZ = "qux quux", CLOUD_INIT_AUTHORIZED_KEYS = "c3NoLXJzYSBBQUFBQjNOemFDMXljMkVBQUFBREFRQUJBQUFCQVFDN2V4YW1wbGVrZXkgYWxpY2VAZXhhbXBsZS5vcmcK",
                        CLOUD_INIT_USER_DATA = "H4sIAAAAAAACA22PMY/CMAyF9/yKqMwGbjqpVSZgYGA7sZxuMInbWrROlLhS+fdX3VAdAo9+z+97PkRREoWvR6LajtOgnDDrbuSZQmNvcZKA+eEq9zx75ypzOV9OcKVcOEptP7Z7YwBejebwBFGadeeHOAXwUVruGut7zIXUVVMBLJ75XfaaklFKSxlO4mNg6Wr7eWNd9SOXFAvr3yGqou/HZd/YlgcSHGnBhK3OWhmz+d/DJPR37KjU9rvXmH7evwNgfgGhSULSNgEAAA==", CONTEXT_METHOD = "cloud-init", FOO = "bar",
                        PUBLIC_KEY = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7examplekey alice@example.org
            ", TARGET = "hdd" ]
            CPU = "0.5"
            DISK = [ DISK_ID = "0", DRIVER = "raw", READONLY = "no", SAVE = "no", SOURCE = "https://marketplace.example.org/metadata/BN1EEkPiBx87_uLj2-sdybSI-Xb", TARGET = "sda" ]
            DISK = [ DISK_ID = "1", READONLY = "no", SIZE = "6144", TARGET = "sdb", TYPE = "swap" ]
            DISK = [ DISK_ID = "2", FORMAT = "ext3", READONLY = "no", SAVE = "no", SIZE = "5120", TARGET = "sdc", TYPE = "fs" ]
            DISK = [ DISK_ID = "3", DRIVER = "raw", READONLY = "no", SAVE = "no", SOURCE = "https://marketplace.example.org/metadata/GWXb7AkDOq9ZzoLQ1yh9xnx3wTB", TARGET = "sdd" ]
            GRAPHICS = [ KEYMAP = "en-us", LISTEN = "0.0.0.0", PORT = "-1", TYPE = "vnc" ]
            INBOUND_PORTS = "22"
            MEMORY = "6144"
            NAME = "myvm"
            NIC = [ IP = "10.1.2.3", MODEL = "virtio", NETWORK = "local", NETWORK_UNAME = "oneadmin" ]
            RANK = "- RUNNING_VMS"
            REQUIREMENTS = "CLUSTER = \\"test\\""
            VCPU = "2"
            """;

    @Test
    public void exampleC() throws Exception {
        Template t = TestResources.parseResource("templates/example-c.txt");
        assertEquals("creator: 2014-06-12T10:11:12Z", t.getString("NAME"));
        assertEquals("yes", t.vectors("DISK").get(0).get("SAVE"));
        VectorAttribute ci = t.firstVector("CREATE_IMAGE");
        assertEquals("alice@example.org", ci.get("CREATOR_EMAIL"));
        assertEquals("http://mp.example.org", ci.get("NEWIMAGE_MARKETPLACE"));
        assertEquals("My image", ci.get("NEWIMAGE_TITLE"));
        assertEquals("1.1", ci.get("NEWIMAGE_VERSION"));
        assertEquals(6, ci.values().size());
    }

    @Test
    public void exampleD() throws Exception {
        Template t = TestResources.parseResource("templates/example-d.txt");
        List<VectorAttribute> disks = t.vectors("DISK");
        assertEquals("pdisk:https://cloud.example.com/pdisk/8a1b2c3d-1111-2222-3333-444455556666", disks.get(0).get("SOURCE"));
        assertEquals("pdisk:https://cloud.example.com/pdisk/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", disks.get(3).get("SOURCE"));
        assertEquals("block", disks.get(3).get("TYPE"));
        assertNull(t.getString("INBOUND_PORTS"));
        DiskTargets.assign(t);
        assertEquals(List.of("hda", "hdb", "hdc", "hde"), disks.stream().map(d -> d.get("TARGET")).toList());
    }

    @Test
    public void exampleE() throws Exception {
        Template t = TestResources.parseResource("templates/example-e.txt");
        VectorAttribute swap = t.vectors("DISK").get(1);
        assertEquals("0", swap.get("SIZE"));
        DiskTargets.assign(t);
        assertEquals("1", swap.get("DISK_ID"));
        assertEquals("vdb", swap.get("TARGET"));
    }

    @Test
    public void exampleF() throws Exception {
        Template t = TestResources.parseResource("templates/example-f.txt");
        assertEquals("test-vm", t.getString("NAME"));
        assertEquals("/var/lib/one/images/ttylinux.img", t.firstVector("DISK").get("SOURCE"));
        assertEquals("0", t.firstVector("NIC").get("NETWORK_ID"));
        assertEquals("10.0.0.1", t.firstVector("CONTEXT").get("DNS"));
        DiskTargets.assign(t);
        assertEquals("hda", t.firstVector("DISK").get("TARGET"));
        assertEquals("hdc", t.firstVector("CONTEXT").get("TARGET"));
    }
}
