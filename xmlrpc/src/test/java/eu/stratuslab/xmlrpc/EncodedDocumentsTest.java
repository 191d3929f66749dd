package eu.stratuslab.xmlrpc;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;

import org.junit.Test;

public class EncodedDocumentsTest {

    private static String bigDocument(char c) {
        return "<VM_POOL>" + String.valueOf(c).repeat(XmlRpcCodec.REUSE_MIN_CHARS) + "&<>" + "</VM_POOL>";
    }

    @Test
    public void sameDocumentInstanceReusesItsEncodingAndEqualsAFreshOne() {
        String doc = bigDocument('a');
        byte[] first = XmlRpcCodec.encodeResult(OneResult.ok(doc));
        byte[] second = XmlRpcCodec.encodeResult(OneResult.ok(doc));
        assertSame(first, second);
        // A different instance with equal content is encoded again, to the same bytes.
        byte[] copy = XmlRpcCodec.encodeResult(OneResult.ok(new String(doc.toCharArray())));
        assertNotSame(first, copy);
        assertArrayEquals(first, copy);
    }

    @Test
    public void aChangedDocumentIsNeverAnsweredWithTheOldBytes() {
        String before = bigDocument('a');
        byte[] old = XmlRpcCodec.encodeResult(OneResult.ok(before));
        String after = bigDocument('b');
        byte[] fresh = XmlRpcCodec.encodeResult(OneResult.ok(after));
        assertNotSame(old, fresh);
        assertArrayEquals(XmlRpcWriter.result(OneResult.ok(after)), fresh);
    }

    @Test
    public void smallDocumentsAreAlwaysEncodedAgain() {
        String small = "<VM><ID>1</ID></VM>";
        assertNotSame(XmlRpcCodec.encodeResult(OneResult.ok(small)), XmlRpcCodec.encodeResult(OneResult.ok(small)));
    }

    @Test
    public void aPolledVmDocumentIsEncodedOnceWhileTheSameInstanceIsAnswered() {
        String vm = "<VM><ID>7</ID><TEMPLATE><![CDATA[" + "x".repeat(XmlRpcCodec.MID_MIN_CHARS) + "]]></TEMPLATE></VM>";
        byte[] first = XmlRpcCodec.encodeResult(OneResult.ok(vm));
        assertSame(first, XmlRpcCodec.encodeResult(OneResult.ok(vm)));
        assertArrayEquals(XmlRpcWriter.result(OneResult.ok(vm)), first);
        String changed = vm.replace("<ID>7</ID>", "<ID>8</ID>");
        assertArrayEquals(XmlRpcWriter.result(OneResult.ok(changed)), XmlRpcCodec.encodeResult(OneResult.ok(changed)));
        String tooLarge = "<VM>" + "y".repeat(XmlRpcCodec.MID_MAX_CHARS) + "</VM>";
        assertNotSame("above the mid-sized table and below the large one: encoded each time",
                XmlRpcCodec.encodeResult(OneResult.ok(tooLarge)), XmlRpcCodec.encodeResult(OneResult.ok(tooLarge)));
    }
}
