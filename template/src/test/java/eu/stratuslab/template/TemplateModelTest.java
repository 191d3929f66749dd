package eu.stratuslab.template;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;

public class TemplateModelTest {

    @Test
    public void setReplacesFirstSingleOrAppends() {
        Template t = new Template();
        t.add(new VectorAttribute("name"));
        t.set("name", "a");
        t.set("NAME", "b");
        assertEquals(2, t.size());
        assertEquals("b", t.getString("Name"));
        assertEquals(1, t.vectors("NAME").size());
    }

    @Test
    public void lookupsAreCaseInsensitive() throws Exception {
        Template t = TemplateParser.parse("DISK = [ a = 1 ]\nDISK = [ a = 2 ]\nCPU = 1\n");
        assertEquals(2, t.getAll("disk").size());
        assertEquals("1", t.firstVector("Disk").get("a"));
        assertTrue(t.contains("cpu"));
        assertNull(t.getString("DISK"));
        assertNull(t.firstVector("CPU"));
    }

    @Test
    public void removeDropsEveryAttributeOfThatName() throws Exception {
        Template t = TemplateParser.parse("DISK = [ a = 1 ]\nCPU = 1\nDISK = [ a = 2 ]\n");
        t.remove("disk");
        assertEquals(List.of("CPU"), t.attributes().stream().map(Attribute::name).toList());
        assertFalse(t.contains("DISK"));
    }

    @Test
    public void copyIsDeep() throws Exception {
        Template t = TemplateParser.parse("DISK = [ a = 1 ]\nCPU = 1\n");
        Template c = t.copy();
        assertEquals(t, c);
        c.firstVector("DISK").put("a", "2");
        c.set("CPU", "2");
        assertEquals("1", t.firstVector("DISK").get("A"));
        assertEquals("1", t.getString("CPU"));
        assertNotEquals(t, c);
    }

    @Test
    public void programmaticNamesAreNormalised() {
        VectorAttribute v = new VectorAttribute("xmlRpc");
        v.put("disk_id", "0");
        v.put("2nd", "x");
        assertEquals("ONE_XMLRPC", v.name());
        assertEquals("0", v.get("DISK_ID"));
        assertEquals("x", v.values().get("ONE_2ND"));
        v.remove("Disk_Id");
        assertNull(v.get("disk_id"));
        assertEquals("VMID", new SingleAttribute("vmid", null).name());
        assertEquals("", new SingleAttribute("vmid", null).value());
    }

    @Test
    public void normalizeReturnsSameInstanceWhenAlreadyNormal() {
        String n = "DISK_ID";
        assertSame(n, AttributeNames.normalize(n));
    }

    @Test
    public void putIfAbsentKeepsFirst() {
        VectorAttribute v = new VectorAttribute("V");
        assertTrue(v.putIfAbsent("k", "1"));
        assertFalse(v.putIfAbsent("K", "2"));
        assertEquals("1", v.get("k"));
    }
}
