package eu.stratuslab.xmlrpc;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * An encoded response: byte arrays sent one after the other. A large listing is its envelope's head,
 * the parts of its {@link XmlRpcText} and the envelope's tail, so serving it copies nothing into one
 * array (issue 14 item 7). The arrays are shared and never modified.
 */
public final class ResponseBody {
    private final ByteParts parts;

    private ResponseBody(ByteParts parts) {
        this.parts = parts;
    }

    public static ResponseBody of(byte[] whole) {
        return new ResponseBody(ByteParts.of(whole));
    }

    /** {@code head}, the parts of {@code text}, {@code tail}. */
    static ResponseBody around(byte[] head, XmlRpcText text, byte[] tail) {
        return new ResponseBody(ByteParts.concat(List.of(ByteParts.of(head), text.parts(), ByteParts.of(tail))));
    }

    public long length() {
        return parts.length();
    }

    /** The single array of a body in one part, else null. */
    byte[] single() {
        return parts.single();
    }

    public void writeTo(OutputStream out) throws IOException {
        parts.writeTo(out);
    }

    /** The whole body in one new array (tests, and callers that need the bytes at once). */
    public byte[] toByteArray() {
        return parts.toByteArray("XML-RPC response larger than 2 GB");
    }
}
