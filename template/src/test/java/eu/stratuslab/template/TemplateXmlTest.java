package eu.stratuslab.template;

import static org.junit.Assert.assertEquals;

import eu.stratuslab.template.vm.DiskTargets;
import org.junit.Test;

/** xmlrpc-api.md §7 "TEMPLATE encoding", checked against OpenNebula 3.2.1's own output. */
public class TemplateXmlTest {

    @Test
    public void legacyDefaultTemplateMatchesGoldenVmInfoByteForByte() throws Exception {
        Template t = TestResources.parseResource("templates/legacy-default-512.txt");
        // what the server adds at allocate (template.md §5.3, §5.5)
        DiskTargets.assign(t);
        VectorAttribute nic = t.firstVector("NIC");
        nic.put("BRIDGE", "br0");
        nic.put("IP", "10.10.0.2");
        nic.put("MAC", "02:00:0a:0a:00:02");
        nic.put("NETWORK_ID", "0");
        nic.put("VLAN", "NO");
        t.set("NAME", "one-1");
        t.set("VMID", "1");
        if (t.getString("VCPU") == null) {
            t.set("VCPU", "1");
        }
        assertEquals(goldenTemplate(), TemplateXml.toXml(t));
    }

    private static String goldenTemplate() {
        String response = TestResources.read("golden/vm.info-pending.response.xml");
        int start = response.indexOf("&lt;TEMPLATE&gt;");
        int end = response.indexOf("&lt;/TEMPLATE&gt;") + "&lt;/TEMPLATE&gt;".length();
        return response.substring(start, end).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    @Test
    public void emptyTemplate() {
        assertEquals("<TEMPLATE></TEMPLATE>", TemplateXml.toXml(new Template()));
    }

    @Test
    public void attributesSortedStablyKeysSorted() throws Exception {
        Template t = TemplateParser.parse("NIC = [ N = 1 ]\nDISK = [ Z = z, A = a ]\nCPU = 1\nDISK = [ B = b ]\nNIC = [ N = 2 ]\n");
        assertEquals("<TEMPLATE><CPU><![CDATA[1]]></CPU>"
                + "<DISK><A><![CDATA[a]]></A><Z><![CDATA[z]]></Z></DISK>"
                + "<DISK><B><![CDATA[b]]></B></DISK>"
                + "<NIC><N><![CDATA[1]]></N></NIC><NIC><N><![CDATA[2]]></N></NIC></TEMPLATE>",
                TemplateXml.toXml(t));
    }

    @Test
    public void emptyValues() throws Exception {
        Template t = TemplateParser.parse("A =\nV = [ K = \"\", L = x ]\n");
        assertEquals("<TEMPLATE><A><![CDATA[]]></A><V><K/><L><![CDATA[x]]></L></V></TEMPLATE>", TemplateXml.toXml(t));
    }

    @Test
    public void cdataTerminatorIsSplit() {
        Template t = new Template();
        t.set("RAW", "a]]>b]]>");
        assertEquals("<TEMPLATE><RAW><![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>]]></RAW></TEMPLATE>", TemplateXml.toXml(t));
    }

    @Test
    public void writeAppendsToBuilder() {
        Template t = new Template();
        t.set("A", "<&>");
        StringBuilder sb = new StringBuilder("x");
        TemplateXml.write(t, sb);
        assertEquals("x<TEMPLATE><A><![CDATA[<&>]]></A></TEMPLATE>", sb.toString());
    }
}
