package eu.stratuslab.xmlrpc;

import static eu.stratuslab.xmlrpc.Requests.parse;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Refusals of spec §3.1: DOCTYPE, external entities, entity expansion, depth, size, bad types. */
public class RequestHardeningTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static XmlRpcFault faultOf(String xml) {
        try {
            MethodCall call = parse(xml);
            fail("expected a fault, parsed " + call);
            return null;
        } catch (XmlRpcFault fault) {
            return fault;
        }
    }

    private static void assertParseError(String xml) {
        XmlRpcFault fault = faultOf(xml);
        assertEquals(fault.getMessage(), XmlRpcFault.PARSE_ERROR, fault.code());
        assertTrue(fault.getMessage(), fault.getMessage().startsWith("Parse error: "));
    }

    private static void assertTypeMismatch(String xml) {
        XmlRpcFault fault = faultOf(xml);
        assertEquals(fault.getMessage(), XmlRpcFault.TYPE_MISMATCH, fault.code());
    }

    @Test
    public void doctypeIsRefused() {
        XmlRpcFault fault = faultOf("<?xml version=\"1.0\"?><!DOCTYPE methodCall><methodCall><methodName>m</methodName></methodCall>");
        assertEquals(XmlRpcFault.PARSE_ERROR, fault.code());
        assertEquals("Parse error: DOCTYPE is not allowed", fault.getMessage());
    }

    @Test
    public void externalEntityIsNeverRead() throws Exception {
        File secret = tmp.newFile("secret.txt");
        Files.writeString(secret.toPath(), "TOP-SECRET-CONTENT");
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE methodCall [<!ENTITY xxe SYSTEM \"" + secret.toURI() + "\">]>"
                + "<methodCall><methodName>&xxe;</methodName><params><param><value><string>&xxe;</string></value></param></params></methodCall>";
        XmlRpcFault fault = faultOf(xml);
        assertEquals(XmlRpcFault.PARSE_ERROR, fault.code());
        assertFalse(fault.getMessage().contains("TOP-SECRET"));
    }

    @Test
    public void undeclaredEntityReferenceIsAParseError() {
        assertParseError(Requests.call("<value><string>&xxe;</string></value>"));
    }

    @Test
    public void billionLaughsIsRefusedWithoutExpansion() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                dtd.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
            }
            dtd.append("\">");
        }
        dtd.append("]>");
        XmlRpcFault fault = faultOf("<?xml version=\"1.0\"?>" + dtd + Requests.call("<value><string>&lol9;</string></value>")
                .replace("<?xml version=\"1.0\"?>", ""));
        assertEquals(XmlRpcFault.PARSE_ERROR, fault.code());
    }

    private static String nestedArrays(int depth) {
        return "<value>" + "<array><data><value>".repeat(depth) + "<i4>1</i4>"
                + "</value></data></array>".repeat(depth) + "</value>";
    }

    @Test
    public void nestingDepth64IsAccepted() throws Exception {
        Object value = Requests.parseSingle(nestedArrays(64));
        for (int i = 0; i < 64; i++) {
            value = ((List<?>) value).get(0);
        }
        assertEquals(1, value);
    }

    @Test
    public void nestingDepth65IsRefused() {
        assertParseError(Requests.call(nestedArrays(65)));
        String structs = "<value>" + "<struct><member><name>n</name><value>".repeat(65) + "x"
                + "</value></member></struct>".repeat(65) + "</value>";
        assertParseError(Requests.call(structs));
    }

    @Test
    public void bodyOverTheCapIsRefusedWhileStreaming() {
        byte[] body = Requests.call("<value><string>" + "a".repeat(2000) + "</string></value>").getBytes(StandardCharsets.UTF_8);
        try {
            XmlRpcCodec.parseRequest(new ByteArrayInputStream(body), new XmlRpcLimits(1000, 64));
            fail("over-long body accepted");
        } catch (XmlRpcFault fault) {
            assertEquals(XmlRpcFault.PARSE_ERROR, fault.code());
            assertEquals("Parse error: request body exceeds 1000 bytes", fault.getMessage());
        }
    }

    @Test
    public void malformedXmlIsAParseError() {
        assertParseError("<methodCall><methodName>m</methodName>");
        assertParseError("<methodCall><methodName>m</methodName></methodcall>");
        assertParseError("not xml at all");
        assertParseError("");
        assertParseError("<methodCall><methodName>m</methodName></methodCall><extra/>");
        assertParseError("<methodCall><methodName>m</methodName><params><param><value><i4>1</i4><i4>2</i4></value></param></params></methodCall>");
        assertParseError("<methodCall><methodName>m</methodName><params><param><value>x<i4>1</i4></value></param></params></methodCall>");
        assertParseError("<methodCall><params/></methodCall>");
        assertParseError("<methodResponse/>");
    }

    @Test
    public void invalidScalarsAreParseErrors() {
        assertParseError(Requests.call("<value><i4>12x</i4></value>"));
        assertParseError(Requests.call("<value><i4>2147483648</i4></value>"));
        assertParseError(Requests.call("<value><boolean>true</boolean></value>"));
        assertParseError(Requests.call("<value><double>NaN</double></value>"));
        assertParseError(Requests.call("<value><dateTime.iso8601>yesterday</dateTime.iso8601></value>"));
        assertParseError(Requests.call("<value><base64>!!!</base64></value>"));
        assertParseError(Requests.call("<value><string>a<b/></string></value>"));
    }

    @Test
    public void unknownValueTypeIsTypeMismatch() {
        assertTypeMismatch(Requests.call("<value><float>1.0</float></value>"));
        assertTypeMismatch(Requests.call("<value><x:i4 xmlns:x=\"urn:other\">1</x:i4></value>"));
    }

    @Test
    public void apacheSerializableIsRefused() {
        String xml = "<methodCall xmlns:ex=\"http://ws.apache.org/xmlrpc/namespaces/extensions\"><methodName>m</methodName><params><param>"
                + "<value><ex:serializable>rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcA==</ex:serializable></value></param></params></methodCall>";
        XmlRpcFault fault = faultOf(xml);
        assertEquals(XmlRpcFault.TYPE_MISMATCH, fault.code());
        assertEquals("Type mismatch: unsupported value type <ex:serializable>", fault.getMessage());
        assertTypeMismatch(xml.replace("serializable", "dom"));
        assertTypeMismatch(xml.replace("serializable", "i2"));
    }

    /** Readers are recycled per thread: a refused document must not affect the next one. */
    @Test
    public void aRefusedDocumentLeavesNoStateBehind() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertParseError("<?xml version=\"1.0\"?><!DOCTYPE methodCall [<!ENTITY e \"x\">]><methodCall/>");
            assertParseError("<methodCall><methodName>m</methodName><params><param><value><i4>1");
            assertEquals(List.of("alice:secret", 100), parse(Requests.PYTHON2_VM_INFO).params());
        }
    }
}
