package eu.stratuslab.xmlrpc;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/** Our responses must be byte-identical to what OpenNebula 3.2.1 oned answered (spec §3.3). */
public class GoldenResponseEncodingTest {

    private static void assertBytes(String golden, byte[] actual) {
        byte[] expected = Golden.bytes(golden);
        if (!java.util.Arrays.equals(expected, actual)) {
            // show the text difference, much easier to read than a byte index
            assertEquals(golden, new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8));
        }
        assertArrayEquals(expected, actual);
    }

    @Test
    public void allocateResultMatchesOned() {
        assertBytes("vm.allocate-legacy-default", XmlRpcCodec.encodeResult(OneResult.ok(1)));
    }

    @Test
    public void errorResultMatchesOned() {
        assertBytes("error-vm.info-missing", XmlRpcCodec.encodeResult(
                OneResult.error("[VirtualMachineInfo] Error getting virtual machine [424242].", 1024)));
        assertBytes("error-allocate-parse", XmlRpcCodec.encodeResult(OneResult.error(
                "[VirtualMachineAllocate] Error allocating a new virtual machine. Parse error: syntax error, "
                        + "unexpected $end, expecting COMMA or CBRACKET at line 2, columns 27:40", 8192)));
    }

    @Test
    public void faultsMatchOned() {
        assertBytes("fault-unknown-method", XmlRpcCodec.encodeFault(XmlRpcFault.unknownMethod("one.nosuch.method")));
        assertBytes("fault-bad-arity", XmlRpcCodec.encodeFault(XmlRpcFault.notEnoughParameters()));
    }

    /** The document is extracted with a regex and hand-unescaped, independently of our parser. */
    @Test
    public void documentResultMatchesOnedForAclInfo() {
        String golden = new String(Golden.bytes("acl.info"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<string>(.*)</string>", Pattern.DOTALL).matcher(golden);
        assertTrue(m.find());
        String document = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        assertTrue(document.startsWith("<ACL_POOL><ACL><ID>0</ID>"));
        assertTrue(document.contains("@1 VM+NET+IMAGE+TEMPLATE/* CREATE"));
        assertBytes("acl.info", XmlRpcCodec.encodeResult(OneResult.ok(document)));
    }

    /**
     * Every recording decodes with our client-side parser and re-encodes to the same bytes; this
     * covers CDATA inside documents, raw LF inside strings and quotes left unescaped.
     */
    @Test
    public void everyGoldenResponseRoundTripsByteForByte() throws Exception {
        for (String name : Golden.ALL) {
            byte[] golden = Golden.bytes(name);
            byte[] reencoded;
            try {
                Object value = XmlRpcCodec.parseResponse(new ByteArrayInputStream(golden));
                List<?> triple = (List<?>) value;
                assertEquals(name, 3, triple.size());
                reencoded = XmlRpcCodec.encodeResult(new OneResult((Boolean) triple.get(0), triple.get(1), (Integer) triple.get(2)));
                assertTrue(name + " is a result", !name.startsWith("fault-"));
            } catch (XmlRpcFault fault) {
                assertTrue(name + " is a fault", name.startsWith("fault-"));
                reencoded = XmlRpcCodec.encodeFault(fault);
            }
            assertBytes(name, reencoded);
        }
    }

    @Test
    public void documentsWithNewlinesKeepRawLf() throws Exception {
        byte[] golden = Golden.bytes("vm.info-running");
        List<?> triple = (List<?>) XmlRpcCodec.parseResponse(new ByteArrayInputStream(golden));
        String document = (String) triple.get(1);
        assertTrue("the recording holds a public key ending with LF", document.contains("probe@example\n]]>"));
        String encoded = new String(XmlRpcCodec.encodeResult(OneResult.ok(document)), StandardCharsets.UTF_8);
        assertTrue(encoded.contains("probe@example\n]]&gt;"));
    }

    @Test
    public void faultFromGoldenCarriesCodeAndText() {
        try {
            XmlRpcCodec.parseResponse(new ByteArrayInputStream(Golden.bytes("fault-unknown-method")));
            fail("a fault response must throw");
        } catch (XmlRpcFault fault) {
            assertEquals(-506, fault.code());
            assertEquals("Method 'one.nosuch.method' not defined", fault.getMessage());
        }
    }
}
