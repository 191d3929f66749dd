package eu.stratuslab.template;

import static eu.stratuslab.template.TemplateAssert.assertSingles;
import static eu.stratuslab.template.TemplateAssert.assertVector;
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
        assertSingles(t, "MEMORY", "1536", "RANK", "- RUNNING_VMS", "INBOUND_PORTS", "22");
        assertVector(t.vectors("DISK").get(0), "SOURCE", "https://marketplace.example.org/metadata/BN1EEkPiBx87_uLj2-sdybSI-Xb",
                "TARGET", "vda", "SAVE", "no", "DRIVER", "raw");
        assertVector(t.vectors("DISK").get(1), "TYPE", "swap", "SIZE", "1536");
        assertVector(t.firstVector("CONTEXT"),
                "PUBLIC_KEY", "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7examplekey alice@example.org\n", "TARGET", "hdd");
    }

    @Test
    public void exampleB() throws Exception {
        Template t = TestResources.parseResource("templates/example-b.txt");
        assertSingles(t, "CPU", "0.5", "REQUIREMENTS", "CLUSTER = \"test\"", "NAME", "myvm");
        assertEquals(4, t.vectors("DISK").size());
        VectorAttribute volatileDisk = t.vectors("DISK").get(2);
        assertEquals(List.of("FORMAT", "READONLY", "SAVE", "SIZE", "TARGET", "TYPE"), List.copyOf(volatileDisk.values().keySet()));
        assertEquals("sdc", volatileDisk.get("TARGET"));
        assertVector(t.firstVector("NIC"), "IP", "10.1.2.3", "MODEL", "virtio");
        assertVector(t.firstVector("GRAPHICS"), "LISTEN", "0.0.0.0");
        VectorAttribute ctx = t.firstVector("CONTEXT");
        assertVector(ctx, "BAZ", "qux quux", "B", "two words", "CONTEXT_METHOD", "cloud-init");
        assertEquals(9, ctx.values().size());
    }

    @Test
    public void exampleBStoredForm() throws Exception {
        Template t = TestResources.parseResource("templates/example-b.txt");
        DiskTargets.assign(t);
        // template.md §4, without what the core adds (NIC lease attributes, VMID)
        Template expected = TestResources.parseResource("templates/example-b-stored.txt");
        assertEquals(TemplateXml.toXml(expected), TemplateXml.toXml(t));
    }

    @Test
    public void exampleC() throws Exception {
        Template t = TestResources.parseResource("templates/example-c.txt");
        assertEquals("creator: 2014-06-12T10:11:12Z", t.getString("NAME"));
        assertEquals("yes", t.vectors("DISK").get(0).get("SAVE"));
        VectorAttribute ci = t.firstVector("CREATE_IMAGE");
        assertVector(ci, "CREATOR_EMAIL", "alice@example.org", "NEWIMAGE_MARKETPLACE", "http://mp.example.org",
                "NEWIMAGE_TITLE", "My image", "NEWIMAGE_VERSION", "1.1");
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
        assertVector(swap, "DISK_ID", "1", "TARGET", "vdb");
    }

    @Test
    public void exampleF() throws Exception {
        Template t = TestResources.parseResource("templates/example-f.txt");
        assertSingles(t, "NAME", "test-vm");
        assertVector(t.firstVector("DISK"), "SOURCE", "/var/lib/one/images/ttylinux.img");
        assertVector(t.firstVector("NIC"), "NETWORK_ID", "0");
        assertVector(t.firstVector("CONTEXT"), "DNS", "10.0.0.1");
        DiskTargets.assign(t);
        assertVector(t.firstVector("DISK"), "TARGET", "hda");
        assertVector(t.firstVector("CONTEXT"), "TARGET", "hdc");
    }
}
