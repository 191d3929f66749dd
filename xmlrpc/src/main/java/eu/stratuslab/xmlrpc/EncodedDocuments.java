package eu.stratuslab.xmlrpc;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * The encoded responses of the last few large documents, and of recent mid-sized ones (a VM's
 * {@code one.vm.info} document, polled by clients until the VM runs), keyed by the identity of
 * the document string. Pools cache their documents (a 10,000-VM pool listing is tens of megabytes) and hand out
 * the same {@code String} instance until something changes; escaping and UTF-8 encoding it again
 * for every poll would cost more than everything else in the call. A String is immutable, so the
 * same instance always encodes to the same bytes; a new document is a new instance and simply
 * misses. The byte arrays are shared and must never be modified by callers.
 */
final class EncodedDocuments {
    private static final int SLOTS = 8;
    private static final AtomicReferenceArray<Entry> RECENT = new AtomicReferenceArray<>(SLOTS);
    // Documents of 1-16 KB: 512 slots hold at most 8 MB (about 1.5 MB of VM documents); their
    // own table, so that they never evict a pool listing's tens of megabytes.
    private static final int MID_SLOTS = 512;
    private static final AtomicReferenceArray<Entry> RECENT_MID = new AtomicReferenceArray<>(MID_SLOTS);

    private record Entry(String document, byte[] encoded) {
    }

    private EncodedDocuments() {
    }

    static byte[] encode(String document, Supplier<byte[]> encoder) {
        return encode(RECENT, SLOTS, document, encoder);
    }

    /** {@link #encode} for documents of {@link XmlRpcCodec#MID_MIN_CHARS} to {@link XmlRpcCodec#MID_MAX_CHARS}. */
    static byte[] encodeMid(String document, Supplier<byte[]> encoder) {
        return encode(RECENT_MID, MID_SLOTS, document, encoder);
    }

    private static byte[] encode(AtomicReferenceArray<Entry> table, int slots, String document,
                                 Supplier<byte[]> encoder) {
        int slot = System.identityHashCode(document) & (slots - 1);
        Entry e = table.get(slot);
        if (e != null && e.document() == document) {
            return e.encoded();
        }
        byte[] encoded = encoder.get();
        table.set(slot, new Entry(document, encoded));
        return encoded;
    }
}
