package eu.stratuslab.vmm.domain;

import eu.stratuslab.vmm.domain.DomainSpec.Disk;
import eu.stratuslab.vmm.domain.DomainSpec.Os;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class DomainXmlTest {
    private static final String QEMU_NS = "http://libvirt.org/schemas/domain/qemu/1.0";

    private static DomainSpec minimal(String raw, List<Disk> disks, Os os) {
        return new DomainSpec("one-1", null, 1, 65536, "test", os, disks, List.of(), null, raw, false);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    public void specialCharactersInPathsAreEscapedNotInjected() throws Exception {
        String evil = "/var/lib/one/1/images/disk.0'/><disk file='x&<y";
        String xml = DomainXml.build(minimal(null, List.of(new Disk(evil, false, "hda", null, null, false, false)),
                new Os(null, null, null, null, "console=ttyS0 a<b & c>d", null, null)));
        Document doc = parse(xml);
        NodeList sources = doc.getElementsByTagName("source");
        assertEquals(evil, ((Element) sources.item(0)).getAttribute("file"));
        assertEquals(1, doc.getElementsByTagName("disk").getLength());
        assertEquals("console=ttyS0 a<b & c>d", doc.getElementsByTagName("cmdline").item(0).getTextContent());
    }

    @Test
    public void rawWithSeveralElementsAndItsOwnNamespaceIsCopiedWithNamespaces() throws Exception {
        String raw = "<qemu:commandline xmlns:qemu='" + QEMU_NS + "'><qemu:arg value='-s'/></qemu:commandline>\n"
                + "<metadata><my:tag xmlns:my='urn:example'>v</my:tag></metadata><!-- kept -->";
        Document doc = parse(DomainXml.build(minimal(raw, List.of(), Os.DEFAULT)));
        Element root = doc.getDocumentElement();
        assertEquals(QEMU_NS, root.lookupNamespaceURI("qemu"));
        NodeList args = doc.getElementsByTagNameNS(QEMU_NS, "arg");
        assertEquals(1, args.getLength());
        assertEquals("-s", ((Element) args.item(0)).getAttribute("value"));
        assertEquals("v", doc.getElementsByTagNameNS("urn:example", "tag").item(0).getTextContent());
        assertEquals(root, doc.getElementsByTagName("metadata").item(0).getParentNode());
    }

    @Test
    public void rawUsingTheQemuPrefixWithoutDeclaringItIsAccepted() throws Exception {
        Document doc = parse(DomainXml.build(minimal("<qemu:commandline><qemu:arg value='-S'/></qemu:commandline>",
                List.of(), Os.DEFAULT)));
        assertEquals(1, doc.getElementsByTagNameNS(QEMU_NS, "commandline").getLength());
    }

    @Test
    public void brokenRawIsRejectedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DomainXml.build(minimal("<qemu:commandline><qemu:arg value='-s'></qemu:commandline>",
                        List.of(), Os.DEFAULT)));
        assertTrue(e.getMessage(), e.getMessage().startsWith("RAW DATA is not well-formed XML"));
    }

    @Test
    public void legacyBackslashEscapedRawIsRejectedNotPasted() {
        assertThrows(IllegalArgumentException.class,
                () -> DomainXml.build(minimal("<cpu mode=\\\"host-passthrough\\\"/>", List.of(), Os.DEFAULT)));
    }

    @Test
    public void rawTextOutsideElementsIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> DomainXml.build(minimal("-no-hpet", List.of(), Os.DEFAULT)));
    }

    @Test
    public void noQemuNamespaceWithoutRaw() {
        assertFalse(DomainXml.build(minimal(null, List.of(), Os.DEFAULT)).contains("xmlns:qemu"));
    }

    @Test
    public void severalBootDevicesInOrder() throws Exception {
        Document doc = parse(DomainXml.build(minimal(null, List.of(), new Os(null, null, null, null, null, null, "cdrom, hd"))));
        NodeList boots = doc.getElementsByTagName("boot");
        assertEquals(2, boots.getLength());
        assertEquals("cdrom", ((Element) boots.item(0)).getAttribute("dev"));
        assertEquals("hd", ((Element) boots.item(1)).getAttribute("dev"));
    }

    @Test
    public void busFollowsTheTargetPrefix() {
        assertEquals("ide", Disk.busForTarget("hda"));
        assertEquals("scsi", Disk.busForTarget("sdc"));
        assertEquals("virtio", Disk.busForTarget("vdb"));
        assertEquals("xen", Disk.busForTarget("xvda"));
    }

    @Test
    public void invalidSpecsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new DomainSpec("one-1", null, 0, 1024, "kvm", null, null, null, null, null, false));
        assertThrows(IllegalArgumentException.class,
                () -> new DomainSpec("one-1", null, 1, 0, "kvm", null, null, null, null, null, false));
        assertThrows(IllegalArgumentException.class,
                () -> new DomainSpec(" ", null, 1, 1024, "kvm", null, null, null, null, null, false));
    }
}
