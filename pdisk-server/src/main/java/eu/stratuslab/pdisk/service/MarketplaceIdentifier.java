package eu.stratuslab.pdisk.service;

import java.math.BigInteger;

/** The 27-character identifier of a SHA-1 digest (hooks.md §7). */
public final class MarketplaceIdentifier {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final BigInteger SIXTY_FOUR = BigInteger.valueOf(64);

    private MarketplaceIdentifier() {
    }

    public static String fromSha1(byte[] digest) {
        BigInteger value = new BigInteger(1, digest);
        char[] out = new char[27];
        for (int i = out.length - 1; i >= 0; i--) {
            BigInteger[] qr = value.divideAndRemainder(SIXTY_FOUR);
            out[i] = ALPHABET.charAt(qr[1].intValue());
            value = qr[0];
        }
        return new String(out);
    }
}
