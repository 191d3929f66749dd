package eu.stratuslab.xmlrpc;

import static eu.stratuslab.xmlrpc.Requests.parse;
import static eu.stratuslab.xmlrpc.Requests.parseSingle;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** Every value type of spec §3.1 and the request envelopes real clients send. */
public class RequestParsingTest {

    private static final String EX = "http://ws.apache.org/xmlrpc/namespaces/extensions";

    @Test
    public void python2LegacyClientRequest() throws Exception {
        MethodCall call = parse(Requests.PYTHON2_VM_INFO);
        assertEquals("one.vm.info", call.methodName());
        assertEquals(List.of("alice:secret", 100), call.params());
    }

    @Test
    public void declarationIsOptional() throws Exception {
        MethodCall call = parse("<methodCall><methodName>one.hostpool.info</methodName><params><param><value>s</value></param></params></methodCall>");
        assertEquals("one.hostpool.info", call.methodName());
        assertEquals(List.of("s"), call.params());
    }

    @Test
    public void paramsElementIsOptional() throws Exception {
        MethodCall call = parse("<?xml version='1.0'?><methodCall><methodName>system.listMethods</methodName></methodCall>");
        assertEquals(List.of(), call.params());
    }

    @Test
    public void methodNameKeepsItsCase() throws Exception {
        assertEquals("One.VM.Allocate", parse("<methodCall><methodName>One.VM.Allocate</methodName></methodCall>").methodName());
    }

    @Test
    public void integers() throws Exception {
        assertEquals(42, parseSingle("<value><i4>42</i4></value>"));
        assertEquals(-7, parseSingle("<value><int> -7 </int></value>"));
        assertEquals(Integer.MAX_VALUE, parseSingle("<value><i4>2147483647</i4></value>"));
    }

    @Test
    public void i8PlainAndWithExtensionsNamespace() throws Exception {
        assertEquals(5_000_000_000L, parseSingle("<value><i8>5000000000</i8></value>"));
        assertEquals(7L, parseSingle("<value><ex:i8 xmlns:ex=\"" + EX + "\">7</ex:i8></value>"));
        assertEquals(-1L, parseSingle("<value><other:i8 xmlns:other=\"" + EX + "\">-1</other:i8></value>"));
    }

    @Test
    public void extensionNamespaceDeclaredOnAncestor() throws Exception {
        MethodCall call = parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?><methodCall xmlns:ex=\"" + EX + "\">"
                + "<methodName>m</methodName><params>"
                + "<param><value><ex:i8>9</ex:i8></value></param>"
                + "<param><value><ex:nil/></value></param>"
                + "<param><value><nil/></value></param>"
                + "</params></methodCall>");
        assertEquals(Arrays.asList(9L, null, null), call.params());
    }

    @Test
    public void booleans() throws Exception {
        assertEquals(true, parseSingle("<value><boolean>1</boolean></value>"));
        assertEquals(false, parseSingle("<value><boolean>0</boolean></value>"));
    }

    @Test
    public void stringsTypedAndUntyped() throws Exception {
        assertEquals("a & b <c>", parseSingle("<value><string>a &amp; b &lt;c&gt;</string></value>"));
        assertEquals("", parseSingle("<value><string></string></value>"));
        assertEquals("", parseSingle("<value><string/></value>"));
        assertEquals("untyped", parseSingle("<value>untyped</value>"));
        assertEquals(" spaced ", parseSingle("<value> spaced </value>"));
        assertEquals("", parseSingle("<value></value>"));
        assertEquals("x<y", parseSingle("<value><string><![CDATA[x<y]]></string></value>"));
        assertEquals("line1\nline2", parseSingle("<value><string>line1\nline2</string></value>"));
        assertEquals("é€😀", parseSingle("<value><string>é€&#x1F600;</string></value>"));
    }

    @Test
    public void whitespaceAroundTypedElementIsIgnored() throws Exception {
        assertEquals(3, parseSingle("<value>\n  <i4>3</i4>\n</value>"));
    }

    @Test
    public void doubles() throws Exception {
        assertEquals(1.5, parseSingle("<value><double>1.5</double></value>"));
        assertEquals(-0.25, parseSingle("<value><double>-.25</double></value>"));
        assertEquals(1e3, parseSingle("<value><double>1E3</double></value>"));
    }

    @Test
    public void dateTimes() throws Exception {
        Date expected = Date.from(Instant.parse("1998-07-17T14:08:55Z"));
        assertEquals(expected, parseSingle("<value><dateTime.iso8601>19980717T14:08:55</dateTime.iso8601></value>"));
        assertEquals(expected, parseSingle("<value><dateTime.iso8601>1998-07-17T14:08:55Z</dateTime.iso8601></value>"));
        assertEquals(expected, parseSingle("<value><dateTime.iso8601>1998-07-17T16:08:55+02:00</dateTime.iso8601></value>"));
    }

    @Test
    public void base64WithLineBreaks() throws Exception {
        assertArrayEquals("hello world".getBytes(), (byte[]) parseSingle("<value><base64>aGVsbG8g\nd29ybGQ=\n</base64></value>"));
    }

    @Test
    public void arraysAndStructsNest() throws Exception {
        Object value = parseSingle("<value><struct>"
                + "<member><name>b</name><value><array><data><value><i4>1</i4></value><value>two</value></data></array></value></member>"
                + "<member><name>a</name><value><struct></struct></value></member>"
                + "<member><value><boolean>1</boolean></value><name>valueFirst</name></member>"
                + "</struct></value>");
        Map<?, ?> struct = (Map<?, ?>) value;
        assertEquals(List.of("b", "a", "valueFirst"), List.copyOf(struct.keySet()));
        assertEquals(List.of(1, "two"), struct.get("b"));
        assertEquals(Map.of(), struct.get("a"));
        assertEquals(true, struct.get("valueFirst"));
        assertEquals(List.of(), parseSingle("<value><array><data/></array></value>"));
    }

    @Test
    public void nilPlain() throws Exception {
        assertNull(parseSingle("<value><nil/></value>"));
    }

    @Test
    public void commentsAreIgnored() throws Exception {
        assertEquals(List.of(4), parse("<!-- c --><methodCall><!-- c --><methodName>m</methodName><params><param>"
                + "<value><!-- c --><i4>4</i4></value></param></params></methodCall>").params());
    }

    @Test
    public void encodedCallRoundTrips() throws Exception {
        List<Object> params = Arrays.asList("s & <t>", 1, 2L, true, 2.5, Date.from(Instant.parse("2024-01-02T03:04:05Z")),
                List.of(1, "x"), Map.of("k", "v"), null);
        byte[] encoded = XmlRpcCodec.encodeCall(new MethodCall("one.vm.allocate", params));
        MethodCall decoded = XmlRpcCodec.parseRequest(new java.io.ByteArrayInputStream(encoded), XmlRpcLimits.DEFAULT);
        assertEquals("one.vm.allocate", decoded.methodName());
        assertEquals(params, decoded.params());
        byte[] bytes = {0, 1, (byte) 0xff};
        Object base64 = XmlRpcCodec.parseRequest(new java.io.ByteArrayInputStream(
                XmlRpcCodec.encodeCall(new MethodCall("m", List.of(bytes)))), XmlRpcLimits.DEFAULT).params().get(0);
        assertArrayEquals(bytes, (byte[]) base64);
        assertTrue(new String(encoded).contains("<value><i8>2</i8></value>"));
    }
}
