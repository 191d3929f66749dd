package eu.stratuslab.xmlrpc;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Byte arrays that stand one after the other, with their total length: what both an encoded
 * {@link XmlRpcText} and a {@link ResponseBody} are, so that a large answer is assembled from shared
 * fragments without copying them into one array (issue 14 item 7). The arrays are shared and never
 * modified.
 */
record ByteParts(List<byte[]> arrays, long length) {

    static ByteParts of(byte[] whole) {
        return new ByteParts(List.of(whole), whole.length);
    }

    /** The arrays of {@code pieces} one after the other; shared, not copied. */
    static ByteParts concat(List<ByteParts> pieces) {
        int count = 0;
        for (ByteParts p : pieces) {
            count += p.arrays.size();
        }
        List<byte[]> all = new ArrayList<>(count);
        long total = 0;
        for (ByteParts p : pieces) {
            all.addAll(p.arrays);
            total += p.length;
        }
        return new ByteParts(all, total);
    }

    /** The single array when there is one part, else null. */
    byte[] single() {
        return arrays.size() == 1 ? arrays.get(0) : null;
    }

    void writeTo(OutputStream out) throws IOException {
        for (byte[] part : arrays) {
            out.write(part);
        }
    }

    /**
     * All the bytes in one array (the single part itself when there is one).
     *
     * @param tooLarge the message when they do not fit in one array
     */
    byte[] toByteArray(String tooLarge) {
        byte[] single = single();
        if (single != null) {
            return single;
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(tooLarge);
        }
        byte[] all = new byte[(int) length];
        int at = 0;
        for (byte[] part : arrays) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
