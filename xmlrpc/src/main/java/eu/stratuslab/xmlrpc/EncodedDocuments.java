package eu.stratuslab.xmlrpc;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * The encoded responses of the last few large documents, keyed by the identity of the document
 * string. Pools cache their documents (a 10,000-VM pool listing is tens of megabytes) and hand out
 * the same {@code String} instance until something changes; escaping and UTF-8 encoding it again
 * for every poll would cost more than everything else in the call. A String is immutable, so the
 * same instance always encodes to the same bytes; a new document is a new instance and simply
 * misses. The byte arrays are shared and must never be modified by callers.
 */
final class EncodedDocuments {
    private static final int SLOTS = 8;
    private static final AtomicReferenceArray<Entry> RECENT = new AtomicReferenceArray<>(SLOTS);

    private record Entry(String document, byte[] encoded) {
    }

    private EncodedDocuments() {
    }

    static byte[] encode(String document, Supplier<byte[]> encoder) {
        int slot = System.identityHashCode(document) & (SLOTS - 1);
        Entry e = RECENT.get(slot);
        if (e != null && e.document() == document) {
            return e.encoded();
        }
        byte[] encoded = encoder.get();
        RECENT.set(slot, new Entry(document, encoded));
        return encoded;
    }
}
