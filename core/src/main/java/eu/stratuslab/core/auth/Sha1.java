package eu.stratuslab.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** OpenNebula 3.x stores {@code core} passwords as the lower-case SHA-1 hex of the clear text. */
public final class Sha1 {
    private Sha1() {
    }

    public static String hex(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a mandatory JDK algorithm", e);
        }
    }

    /** Constant-time comparison of two hex digests (case-insensitive). */
    public static boolean sameDigest(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.toLowerCase().getBytes(StandardCharsets.US_ASCII),
                b.toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }
}
