package eu.stratuslab.xmlrpc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable UTF-8 byte buffer with an XML text escaper. Built for speed: pool documents reach
 * tens of megabytes, so text is encoded in one pass straight into the buffer (no intermediate
 * String, no DOM, no synchronisation).
 *
 * <p>Escaping follows oned: {@code & < >} become entities, quotes and LF are written as they are.
 * CR becomes {@code &#13;} (a raw CR would be normalised to LF by the client's parser), and
 * characters that XML 1.0 does not allow (C0 controls other than TAB/LF/CR, unpaired surrogates,
 * U+FFFE, U+FFFF) are replaced by U+FFFD, so the document always stays well-formed.
 */
final class XmlByteBuffer {

    private static final byte COPY = 0;
    private static final byte AMP = 1;
    private static final byte LT = 2;
    private static final byte GT = 3;
    private static final byte CR = 4;
    private static final byte INVALID = 5;

    /** What to do with each ASCII character. */
    private static final byte[] ASCII_ACTION = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ASCII_ACTION[c] = INVALID;
        }
        ASCII_ACTION['\t'] = COPY;
        ASCII_ACTION['\n'] = COPY;
        ASCII_ACTION['\r'] = CR;
        ASCII_ACTION['&'] = AMP;
        ASCII_ACTION['<'] = LT;
        ASCII_ACTION['>'] = GT;
    }

    private static final byte[] AMP_BYTES = ascii("&amp;");
    private static final byte[] LT_BYTES = ascii("&lt;");
    private static final byte[] GT_BYTES = ascii("&gt;");
    private static final byte[] CR_BYTES = ascii("&#13;");
    private static final byte[] REPLACEMENT = "\uFFFD".getBytes(StandardCharsets.UTF_8);

    private byte[] buf;
    private int len;

    XmlByteBuffer(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    XmlByteBuffer raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
        return this;
    }

    XmlByteBuffer number(long value) {
        return raw(ascii(Long.toString(value)));
    }

    /** Appends {@code text} as escaped XML character data. */
    XmlByteBuffer escaped(String text) {
        int n = text.length();
        ensure(n); // exact for the common ASCII case; escapes and multi-byte grow as needed
        byte[] b = buf;
        int pos = len;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                byte action = ASCII_ACTION[c];
                if (action == COPY) {
                    if (pos == b.length) {
                        len = pos;
                        ensure(n - i);
                        b = buf;
                    }
                    b[pos++] = (byte) c;
                    continue;
                }
                len = pos;
                raw(switch (action) {
                    case AMP -> AMP_BYTES;
                    case LT -> LT_BYTES;
                    case GT -> GT_BYTES;
                    case CR -> CR_BYTES;
                    default -> REPLACEMENT;
                });
            } else {
                len = pos;
                ensure(4 + (n - i));
                i = multiByte(text, i, c);
            }
            b = buf;
            pos = len;
        }
        len = pos;
        return this;
    }

    /** Encodes a non-ASCII char (or surrogate pair) at {@code i}; returns the last index used. */
    private int multiByte(String text, int i, char c) {
        byte[] b = buf;
        int pos = len;
        if (c < 0x800) {
            b[pos++] = (byte) (0xC0 | (c >> 6));
            b[pos++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            int cp = Character.toCodePoint(c, text.charAt(i + 1));
            b[pos++] = (byte) (0xF0 | (cp >> 18));
            b[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            b[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            b[pos++] = (byte) (0x80 | (cp & 0x3F));
            i++;
        } else if (Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
            System.arraycopy(REPLACEMENT, 0, b, pos, REPLACEMENT.length);
            pos += REPLACEMENT.length;
        } else {
            b[pos++] = (byte) (0xE0 | (c >> 12));
            b[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            b[pos++] = (byte) (0x80 | (c & 0x3F));
        }
        len = pos;
        return i;
    }

    /** The exact number of bytes {@link #escaped(String)} appends for {@code text}. */
    static long escapedLength(String text) {
        long total = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                total += switch (ASCII_ACTION[c]) {
                    case COPY -> 1;
                    case AMP -> AMP_BYTES.length;
                    case LT -> LT_BYTES.length;
                    case GT -> GT_BYTES.length;
                    case CR -> CR_BYTES.length;
                    default -> REPLACEMENT.length;
                };
            } else if (c < 0x800) {
                total += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                total += 4;
                i++;
            } else {
                total += 3; // other BMP characters and U+FFFD replacements alike
            }
        }
        return total;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            long wanted = Math.max((long) len + extra, (long) buf.length * 2);
            if (wanted > Integer.MAX_VALUE - 8) {
                wanted = (long) len + extra;
                if (wanted > Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("XML-RPC response larger than 2 GB");
                }
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }

    int length() {
        return len;
    }

    byte[] toByteArray() {
        return len == buf.length ? buf : Arrays.copyOf(buf, len);
    }
}
