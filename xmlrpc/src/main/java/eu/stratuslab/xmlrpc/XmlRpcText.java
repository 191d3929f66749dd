package eu.stratuslab.xmlrpc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A string value held as the bytes that stand for it inside {@code <string>…</string>}: escaped
 * as XML character data and encoded in UTF-8, in parts. A large document assembled from cached
 * fragments ({@code one.vmpool.info}: one part per VM, encoded once when the VM is published) is
 * then answered without ever becoming one {@code String} or one byte array: the handler writes the
 * parts to the socket between the envelope's head and tail (issue 14 item 7).
 *
 * <p>Escaping maps each character on its own (a surrogate pair never straddles two parts, since
 * each part is the encoding of a whole {@code String}), so the parts of a concatenation are the
 * concatenation of the parts: the bytes are those of the same text given as one {@code String}.
 * The arrays are shared and never modified.
 */
public final class XmlRpcText {
    private final ByteParts parts;

    private XmlRpcText(ByteParts parts) {
        this.parts = parts;
    }

    /** {@code text}, escaped and encoded now. */
    public static XmlRpcText of(String text) {
        byte[] encoded = new XmlByteBuffer((int) Math.min(Integer.MAX_VALUE - 8, XmlByteBuffer.escapedLength(text)))
                .escaped(text).toByteArray();
        return new XmlRpcText(ByteParts.of(encoded));
    }

    /** The texts one after the other; their parts are shared, not copied. */
    public static XmlRpcText join(List<XmlRpcText> texts) {
        List<ByteParts> pieces = new ArrayList<>(texts.size());
        for (XmlRpcText t : texts) {
            pieces.add(t.parts);
        }
        return new XmlRpcText(ByteParts.concat(pieces));
    }

    /** Bytes of the escaped, encoded text. */
    public long encodedLength() {
        return parts.length();
    }

    ByteParts parts() {
        return parts;
    }

    /**
     * The text as a client reads it (for tests and diagnostics; a served answer never goes through
     * here). The escaper writes only these four entities and a literal {@code &} never stays
     * unescaped, so they are undone in one pass, {@code &amp;} last.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 8, parts.length()));
        for (byte[] part : parts.arrays()) {
            sb.append(new String(part, StandardCharsets.UTF_8));
        }
        return sb.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&#13;", "\r").replace("&amp;", "&");
    }
}
