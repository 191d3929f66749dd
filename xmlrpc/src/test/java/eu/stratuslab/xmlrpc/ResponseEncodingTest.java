package eu.stratuslab.xmlrpc;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Test;

/** Escaping and element choice of our responses (spec §3.3). */
public class ResponseEncodingTest {

    private static String encodedString(String value) {
        String xml = new String(XmlRpcCodec.encodeResult(OneResult.ok(value)), StandardCharsets.UTF_8);
        int start = xml.indexOf("<string>") + "<string>".length();
        return xml.substring(start, xml.indexOf("</string>", start));
    }

    @Test
    public void escapesLikeOned() {
        assertEquals("a &amp; b &lt;c&gt; \"q\" 'a'", encodedString("a & b <c> \"q\" 'a'"));
        assertEquals("", encodedString(""));
        assertEquals("line1\nline2\ttab", encodedString("line1\nline2\ttab"));
    }

    @Test
    public void carriageReturnSurvivesAsCharacterReference() throws Exception {
        assertEquals("a&#13;\nb", encodedString("a\r\nb"));
        assertEquals("a\r\nb", roundTrip("a\r\nb"));
    }

    @Test
    public void charactersNotAllowedInXmlAreReplaced() throws Exception {
        assertEquals("a\uFFFDb\uFFFDc\uFFFD", roundTrip("a\u0000b\u001Fc\uFFFE"));
        assertEquals("\uFFFDx", roundTrip("\uD800x")); // unpaired surrogate
    }

    @Test
    public void nonAsciiIsUtf8IncludingSupplementaryCharacters() throws Exception {
        String text = "é€😀 Ω";
        assertEquals(text, encodedString(text));
        assertEquals(text, roundTrip(text));
    }

    @Test
    public void largeDocumentRoundTrips() throws Exception {
        StringBuilder doc = new StringBuilder("<VM_POOL>");
        for (int i = 0; i < 20_000; i++) {
            doc.append("<VM><ID>").append(i).append("</ID><NAME><![CDATA[vm-é-").append(i).append("]]></NAME></VM>");
        }
        doc.append("</VM_POOL>");
        assertEquals(doc.toString(), roundTrip(doc.toString()));
    }

    @Test
    public void responsesUseOnlyLegacyElements() {
        String xml = new String(XmlRpcCodec.encodeResponseValue(List.of(true, 5, "s", List.of(1))), StandardCharsets.UTF_8);
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<methodResponse>\r\n<params>\r\n"));
        assertTrue(xml.contains("<value><array><data>\r\n<value><boolean>1</boolean></value>\r\n<value><i4>5</i4></value>\r\n"
                + "<value><string>s</string></value>\r\n<value><array><data>\r\n<value><i4>1</i4></value>\r\n</data></array></value>\r\n"
                + "</data></array></value>"));
        for (String forbidden : List.of("<i8>", "ex:", "<nil", "<int>", "<double>", "<struct>")) {
            assertFalse(forbidden, xml.contains(forbidden));
        }
    }

    @Test
    public void longAndNullAreRefusedInResponses() {
        for (Object value : new Object[] {5L, null, 1.5}) {
            try {
                XmlRpcCodec.encodeResult(new OneResult(true, value, 0));
                fail("encoded " + value);
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().startsWith("not encodable"));
            }
        }
    }

    @Test
    public void faultStringsAreEscaped() throws Exception {
        XmlRpcFault fault = new XmlRpcFault(-503, "Parse error: <bad> & worse");
        String xml = new String(XmlRpcCodec.encodeFault(fault), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<value><string>Parse error: &lt;bad&gt; &amp; worse</string></value>"));
        try {
            XmlRpcCodec.parseResponse(new ByteArrayInputStream(XmlRpcCodec.encodeFault(fault)));
            fail();
        } catch (XmlRpcFault decoded) {
            assertEquals(-503, decoded.code());
            assertEquals("Parse error: <bad> & worse", decoded.getMessage());
        }
    }

    private static String roundTrip(String value) throws XmlRpcFault {
        List<?> triple = (List<?>) XmlRpcCodec.parseResponse(new ByteArrayInputStream(XmlRpcCodec.encodeResult(OneResult.ok(value))));
        return (String) triple.get(1);
    }
}
