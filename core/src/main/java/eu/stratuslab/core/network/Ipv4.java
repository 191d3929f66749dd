package eu.stratuslab.core.network;

/** IPv4 addresses as unsigned 32-bit values in a long, and the MACs derived from them. */
final class Ipv4 {
    static final String DEFAULT_MAC_PREFIX = "02:00";

    private Ipv4() {
    }

    /** -1 when {@code text} is not a dotted quad. */
    static long parse(String text) {
        if (text == null) {
            return -1;
        }
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                return -1;
            }
            v = (v << 8) | octet;
        }
        return v;
    }

    static String format(long ip) {
        return ((ip >> 24) & 0xFF) + "." + ((ip >> 16) & 0xFF) + "." + ((ip >> 8) & 0xFF) + "." + (ip & 0xFF);
    }

    /** {@code <prefix>:} followed by the four octets in lower-case hex (template.md §5.5). */
    static String mac(String prefix, long ip) {
        // by hand, not String.format: it runs under the network's lock at every allocate
        StringBuilder b = new StringBuilder(prefix.length() + 12).append(prefix);
        for (int shift = 24; shift >= 0; shift -= 8) {
            int octet = (int) (ip >> shift) & 0xFF;
            b.append(':').append(HEX[octet >> 4]).append(HEX[octet & 0xF]);
        }
        return b.toString();
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    static boolean isMacPrefix(String p) {
        return p != null && p.matches("[0-9a-fA-F]{2}:[0-9a-fA-F]{2}");
    }

    static boolean isMac(String m) {
        return m != null && m.matches("([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}");
    }

    /** The dotted mask with {@code hostBits} zero bits. */
    static String mask(int hostBits) {
        long m = hostBits >= 32 ? 0 : (0xFFFFFFFFL << hostBits) & 0xFFFFFFFFL;
        return format(m);
    }

    /** Number of host bits of the smallest network that holds {@code start..end}. */
    static int hostBitsSpanning(long start, long end) {
        long diff = start ^ end;
        return diff == 0 ? 0 : 64 - Long.numberOfLeadingZeros(diff);
    }
}
