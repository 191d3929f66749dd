package eu.stratuslab.cli.vm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.template.Template;
import eu.stratuslab.template.VectorAttribute;
import java.util.List;
import org.junit.Test;

/**
 * The template of template.md §2/§3 as the server's own parser reads it, with the fixes of
 * legacy-cli.md §9: distinct extra-disk targets, escaped quotes, RAW unchanged, no swap of size 0.
 */
public class VmTemplateTest {
    private static final String KEY = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7examplekey alice@example.org\n";
    private static final String MP = "https://marketplace.example.org/metadata/BN1EEkPiBx87_uLj2-sdybSI-Xb";

    private static Template parse(VmTemplate t) throws Exception {
        return eu.stratuslab.template.TemplateParser.parse(t.render());
    }

    @Test
    public void theDefaultRunHasTheShapeOfExampleA() throws Exception {
        VmTemplate t = new VmTemplate().cpu("1", 1).memory("1536").swap("1536").bus("vd").root(MP, "raw", false)
                .publicKey(KEY).inboundPorts(List.of("22"));
        String text = t.render();
        assertTrue(text, text.startsWith("# ---- Stratuslab VM template ----\n\nCPU    = 1\nVCPU    = 1\nMEMORY = 1536\n"
                + "RANK = \"- RUNNING_VMS\"\n"));
        assertTrue(text, text.contains("DISK = [\nsource   = \"" + MP + "\",\ntarget   = \"vda\",\nsave     = no,\n"
                + "readonly = \"no\",\ndriver = \"raw\"\n]\nDISK = [\ntype     = swap,\nsize     = 1536,\ntarget   = \"vdb\",\n"
                + "readonly = \"no\"\n]\n"));
        assertTrue(text, text.contains("NIC = [ network_uname=oneadmin,network = \"public\" ]\n"));
        assertTrue(text, text.contains("GRAPHICS = [\nport = \"-1\",\nkeymap = \"en-us\",\ntype = \"vnc\"\n]\n"));
        assertTrue(text, text.contains("CONTEXT = [\npublic_key = \"" + KEY + "\",\ntarget = \"hdd\"\n]\n"));
        assertTrue(text, text.endsWith("INBOUND_PORTS = \"22\"\n"));

        Template parsed = parse(t);
        assertEquals("1536", parsed.getString("MEMORY"));
        assertEquals(KEY, parsed.firstVector("CONTEXT").get("PUBLIC_KEY"));
        assertEquals(2, parsed.vectors("DISK").size());
    }

    @Test
    public void extraDisksGetDistinctTargetsSkippingTheContextTarget() throws Exception {
        VmTemplate t = new VmTemplate().bus("hd").swap("512").root(MP, "raw", false).volatileDisk("2")
                .persistentDisk("pdisk:https://cloud.example.com/pdisk/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0")
                .readOnlyDisk("https://marketplace.example.org/metadata/GWXb7AkDOq9ZzoLQ1yh9xnx3wTB");
        List<VectorAttribute> disks = parse(t).vectors("DISK");
        List<String> targets = disks.stream().map(d -> d.get("TARGET")).toList();
        assertEquals(List.of("hda", "hdb", "hdc", "hde", "hdf"), targets);
        assertEquals("2048", disks.get(2).get("SIZE"));
        assertEquals("fs", disks.get(2).get("TYPE"));
        assertEquals("pdisk:https://cloud.example.com/pdisk/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", disks.get(3).get("SOURCE"));
        assertEquals("block", disks.get(3).get("TYPE"));
        assertEquals("raw", disks.get(4).get("DRIVER"));
        assertEquals("hdd", parse(t).firstVector("CONTEXT").get("TARGET"));

        VmTemplate virtio = new VmTemplate().bus("vd").swap("512").root(MP, "raw", false).volatileDisk("1")
                .readOnlyDisk("https://marketplace.example.org/metadata/GWXb7AkDOq9ZzoLQ1yh9xnx3wTB");
        assertEquals(List.of("vda", "vdb", "vdc", "vdd"), parse(virtio).vectors("DISK").stream().map(d -> d.get("TARGET")).toList());
    }

    @Test
    public void aSwapOfSizeZeroIsOmitted() throws Exception {
        VmTemplate t = new VmTemplate().swap("0").root(MP, "", false);
        List<VectorAttribute> disks = parse(t).vectors("DISK");
        assertEquals(1, disks.size());
        assertEquals("", disks.get(0).get("DRIVER"));
    }

    @Test
    public void quotesInUserValuesAreEscapedAndRawDataIsSentUnchanged() throws Exception {
        VmTemplate t = new VmTemplate().root(MP, "raw", false).publicKey(KEY).name("my \"best\" vm")
                .requirements("CLUSTER = \"test\"").context("NOTE", "say \"hi\", then: go")
                .raw("<qemu:arg value='-cpu' /> & more");
        Template parsed = parse(t);
        assertEquals("my \"best\" vm", parsed.getString("NAME"));
        assertEquals("CLUSTER = \"test\"", parsed.getString("REQUIREMENTS"));
        assertEquals("say \"hi\", then: go", parsed.firstVector("CONTEXT").get("NOTE"));
        assertEquals("<qemu:arg value='-cpu' /> & more", parsed.firstVector("RAW").get("DATA"));
        assertEquals("kvm", parsed.firstVector("RAW").get("TYPE"));
    }

    @Test
    public void saveAddsCreateImageAndSavesTheRootDisk() throws Exception {
        VmTemplate t = new VmTemplate().root(MP, "raw", true).name("creator: 2014-06-12T10:11:12Z")
                .createImage("CREATOR_EMAIL", "alice@example.org").createImage("NEWIMAGE_MARKETPLACE", "")
                .createImage("NEWIMAGE_TITLE", "My image");
        Template parsed = parse(t);
        assertEquals("yes", parsed.vectors("DISK").get(0).get("SAVE"));
        VectorAttribute ci = parsed.firstVector("CREATE_IMAGE");
        assertEquals("alice@example.org", ci.get("CREATOR_EMAIL"));
        assertEquals("", ci.get("NEWIMAGE_MARKETPLACE"));
        assertEquals("My image", ci.get("NEWIMAGE_TITLE"));
    }

    @Test
    public void theNicCarriesAddressAndModel() throws Exception {
        VmTemplate t = new VmTemplate().root(MP, "raw", false).nic("local", "10.1.2.3", "virtio");
        VectorAttribute nic = parse(t).firstVector("NIC");
        assertEquals("local", nic.get("NETWORK"));
        assertEquals("oneadmin", nic.get("NETWORK_UNAME"));
        assertEquals("10.1.2.3", nic.get("IP"));
        assertEquals("virtio", nic.get("MODEL"));
    }
}
