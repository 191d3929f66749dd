package eu.stratuslab.marketplace.manifest;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The 27-character marketplace identifier of an image (hooks.md §7): its SHA-1 digest read as an
 * unsigned big-endian integer, written in base 64 over {@code A–Z a–z 0–9 - _}, most significant
 * digit first, padded on the left with {@code A}.
 */
public final class ImageIdentifier {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final BigInteger SIXTY_FOUR = BigInteger.valueOf(64);
    private static final Pattern IDENTIFIER = Pattern.compile("^[A-Za-z0-9_-]{27}$");
    private static final int LENGTH = 27;
    private static final int SHA1_BYTES = 20;

    private ImageIdentifier() {
    }

    /** @param sha1 a 20-byte SHA-1 digest */
    public static String fromSha1(byte[] sha1) {
        if (sha1 == null || sha1.length != SHA1_BYTES) {
            throw new IllegalArgumentException("a SHA-1 digest has 20 bytes, got "
                    + (sha1 == null ? "none" : sha1.length));
        }
        BigInteger value = new BigInteger(1, sha1);
        char[] out = new char[LENGTH];
        for (int i = LENGTH - 1; i >= 0; i--) {
            BigInteger[] qr = value.divideAndRemainder(SIXTY_FOUR);
            out[i] = ALPHABET.charAt(qr[1].intValue());
            value = qr[0];
        }
        return new String(out);
    }

    /** @param sha1Hex 40 hexadecimal digits, either case */
    public static String fromSha1Hex(String sha1Hex) {
        if (sha1Hex == null || sha1Hex.strip().length() != 2 * SHA1_BYTES) {
            throw new IllegalArgumentException("a SHA-1 digest has 40 hexadecimal digits: " + sha1Hex);
        }
        try {
            return fromSha1(HexFormat.of().parseHex(sha1Hex.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a hexadecimal SHA-1 digest: " + sha1Hex, e);
        }
    }

    /** Whether user input has the form of an identifier ({@code ^[A-Za-z0-9_-]{27}$}). */
    public static boolean isIdentifier(String candidate) {
        return candidate != null && IDENTIFIER.matcher(candidate).matches();
    }
}
