package eu.stratuslab.xmlrpc;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import java.util.Arrays;
import java.util.List;
import org.junit.Test;

/** Parameter binding rules of spec §3.2. */
public class ParamsTest {

    private interface Access {
        void run() throws XmlRpcFault;
    }

    private static void assertFault(String expectedMessage, Access access) {
        try {
            access.run();
            fail("expected fault: " + expectedMessage);
        } catch (XmlRpcFault fault) {
            assertEquals(XmlRpcFault.TYPE_MISMATCH, fault.code());
            assertEquals(expectedMessage, fault.getMessage());
        }
    }

    @Test
    public void intAcceptsI4AndI8WithinRange() throws Exception {
        Params params = new Params(List.of("S", 100, 7L, (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE));
        assertEquals(100, params.getInt(1));
        assertEquals(7, params.getInt(2));
        assertEquals(Integer.MIN_VALUE, params.getInt(3));
        assertEquals(Integer.MAX_VALUE, params.getInt(4));
    }

    @Test
    public void intRefusesI8OutOfRange() {
        Params params = new Params(List.of("S", 1L + Integer.MAX_VALUE, (long) Integer.MIN_VALUE - 1));
        assertFault("Type mismatch: parameter 1 is not int", () -> params.getInt(1));
        assertFault("Type mismatch: parameter 2 is not int", () -> params.getInt(2));
    }

    @Test
    public void intRefusesOtherTypes() {
        Params params = new Params(Arrays.asList("S", "100", true, 1.0, null));
        for (int i = 0; i < 5; i++) {
            int index = i;
            assertFault("Type mismatch: parameter " + i + " is not int", () -> params.getInt(index));
        }
    }

    @Test
    public void stringAndBoolean() throws Exception {
        Params params = new Params(List.of("S", true, 5));
        assertEquals("S", params.getString(0));
        assertEquals(true, params.getBoolean(1));
        assertFault("Type mismatch: parameter 2 is not string", () -> params.getString(2));
        assertFault("Type mismatch: parameter 0 is not boolean", () -> params.getBoolean(0));
        assertFault("Type mismatch: parameter 2 is not boolean", () -> params.getBoolean(2));
    }

    @Test
    public void missingParameters() throws Exception {
        Params params = new Params(List.of("S"));
        assertEquals(1, params.size());
        assertFault("Not enough parameters", () -> params.get(1));
        assertFault("Not enough parameters", () -> params.getInt(1));
        assertFault("Not enough parameters", () -> params.getString(3));
        assertFault("Not enough parameters", () -> new Params(List.of()).get(0));
    }

    @Test
    public void defaultsOnlyWhenMissing() throws Exception {
        Params params = new Params(List.of("S", -2));
        assertEquals(-2, params.getIntOr(1, -1));
        assertEquals(-1, params.getIntOr(2, -1));
        assertEquals(-1, params.getIntOr(3, -1));
        Params wrongType = new Params(List.of("S", "x"));
        assertFault("Type mismatch: parameter 1 is not int", () -> wrongType.getIntOr(1, -1));
    }

    @Test
    public void nilIsAValueAndExtraParametersAreHarmless() throws Exception {
        Params params = new Params(Arrays.asList("S", null, "extra", "more"));
        assertNull(params.get(1));
        assertEquals(4, params.size());
        assertEquals("S", params.getString(0));
    }

    @Test
    public void paramsAreACopy() throws Exception {
        List<Object> values = new java.util.ArrayList<>(List.of("S"));
        Params params = new Params(values);
        values.add(1);
        assertEquals(1, params.size());
        assertFalse(params.get(0) == null);
    }
}
