package eu.stratuslab.xmlrpc;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An encoded response: byte arrays sent one after the other. A large listing is its envelope's head,
 * the parts of its {@link XmlRpcText} and the envelope's tail, so serving it copies nothing into one
 * array (issue 14 item 7). The arrays are shared and never modified.
 */
public final class ResponseBody {
    private final List<byte[]> parts;
    private final long length;

    private ResponseBody(List<byte[]> parts, long length) {
        this.parts = parts;
        this.length = length;
    }

    public static ResponseBody of(byte[] whole) {
        return new ResponseBody(List.of(whole), whole.length);
    }

    /** {@code head}, the parts of {@code text}, {@code tail}. */
    static ResponseBody around(byte[] head, XmlRpcText text, byte[] tail) {
        List<byte[]> all = new ArrayList<>(text.parts().size() + 2);
        all.add(head);
        all.addAll(text.parts());
        all.add(tail);
        return new ResponseBody(all, head.length + text.encodedLength() + tail.length);
    }

    public long length() {
        return length;
    }

    /** The single array of a body in one part, else null. */
    byte[] single() {
        return parts.size() == 1 ? parts.get(0) : null;
    }

    public void writeTo(OutputStream out) throws IOException {
        for (byte[] part : parts) {
            out.write(part);
        }
    }

    /** The whole body in one new array (tests, and callers that need the bytes at once). */
    public byte[] toByteArray() {
        byte[] single = single();
        if (single != null) {
            return single;
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("XML-RPC response larger than 2 GB");
        }
        byte[] all = new byte[(int) length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
