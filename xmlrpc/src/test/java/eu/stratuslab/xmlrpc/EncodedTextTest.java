package eu.stratuslab.xmlrpc;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/**
 * A document answered in encoded parts ({@link XmlRpcText}, issue 14 item 7) is byte for byte the
 * answer of the same document given as one string: for oned's own pool listings, cut into one part
 * per VM as the API sends them, and for every character the escaper treats specially.
 */
public class EncodedTextTest {

    /** Splits a pool document before each {@code <VM>} and before the closing tag. */
    private static List<String> perEntry(String document) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int at = document.indexOf("<VM>", 1); at > 0; at = document.indexOf("<VM>", at + 1)) {
            parts.add(document.substring(from, at));
            from = at;
        }
        int tail = document.lastIndexOf("</");
        parts.add(document.substring(from, tail));
        parts.add(document.substring(tail));
        return parts;
    }

    private static XmlRpcText joined(List<String> parts) {
        List<XmlRpcText> texts = new ArrayList<>();
        for (String p : parts) {
            texts.add(XmlRpcText.of(p));
        }
        return XmlRpcText.join(texts);
    }

    private static byte[] streamed(OneResult result) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResponseBody body = XmlRpcCodec.encodeResultBody(result);
        body.writeTo(out);
        assertEquals(body.length(), out.size());
        return out.toByteArray();
    }

    @Test
    public void onedsPoolListingsInOnePartPerVmAreTheGoldenBytes() throws Exception {
        for (String name : new String[] {"vmpool.info-mine", "vmpool.info-all-incl-done"}) {
            byte[] golden = Golden.bytes(name);
            String document = (String) ((List<?>) XmlRpcCodec.parseResponse(new ByteArrayInputStream(golden))).get(1);
            List<String> parts = perEntry(document);
            assertEquals(name, document, String.join("", parts));
            XmlRpcText text = joined(parts);
            assertArrayEquals(name, golden, XmlRpcCodec.encodeResult(OneResult.ok(text)));
            assertArrayEquals(name, golden, streamed(OneResult.ok(text)));
            assertEquals(name, document, text.toString());
        }
    }

    @Test
    public void everyEscapedCharacterMatchesTheStringPath() throws Exception {
        List<String> parts = List.of("<VM_POOL>", "<A>a & b < c > d</A>", "cr\r\nlf\ttab", "é€😀",
                "bad\u0001\uFFFE\uD800x", "<![CDATA[x]]>", "", "</VM_POOL>");
        String whole = String.join("", parts);
        XmlRpcText text = joined(parts);
        assertArrayEquals(XmlRpcCodec.encodeResult(OneResult.ok(whole)), XmlRpcCodec.encodeResult(OneResult.ok(text)));
        assertArrayEquals(XmlRpcCodec.encodeResult(OneResult.ok(whole)), streamed(OneResult.ok(text)));
        OneResult refused = new OneResult(false, text, 512);
        assertArrayEquals(XmlRpcCodec.encodeResult(new OneResult(false, whole, 512)), streamed(refused));
    }

    @Test
    public void aLargeListingIsSentInItsPartsNotCopiedIntoOneArray() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            parts.add("<VM><ID>" + i + "</ID></VM>");
        }
        XmlRpcText text = joined(parts);
        ResponseBody body = XmlRpcCodec.encodeResultBody(OneResult.ok(text));
        assertEquals(null, body.single());
        assertEquals(XmlRpcCodec.encodeResult(OneResult.ok(String.join("", parts))).length, body.length());
    }
}
