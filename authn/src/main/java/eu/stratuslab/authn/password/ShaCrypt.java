package eu.stratuslab.authn.password;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * SHA-256-crypt and SHA-512-crypt as specified by Ulrich Drepper ("Unix crypt using SHA-256 and
 * SHA-512", the {@code $5$} and {@code $6$} formats of glibc, libxcrypt and {@code mkpasswd}).
 */
public final class ShaCrypt {

    private static final int DEFAULT_ROUNDS = 5000;
    private static final int MIN_ROUNDS = 1000;
    private static final int MAX_ROUNDS = 999_999_999;
    private static final int MAX_SALT_LENGTH = 16;
    private static final String ROUNDS_PREFIX = "rounds=";
    private static final String ALPHABET =
            "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /** Byte triples of the final encoding (Drepper's b64_from_24bit calls), SHA-256. */
    private static final int[][] SHA256_ORDER = {
        {0, 10, 20}, {21, 1, 11}, {12, 22, 2}, {3, 13, 23}, {24, 4, 14},
        {15, 25, 5}, {6, 16, 26}, {27, 7, 17}, {18, 28, 8}, {9, 19, 29}};
    /** Byte triples of the final encoding, SHA-512. */
    private static final int[][] SHA512_ORDER = {
        {0, 21, 42}, {22, 43, 1}, {44, 2, 23}, {3, 24, 45}, {25, 46, 4}, {47, 5, 26},
        {6, 27, 48}, {28, 49, 7}, {50, 8, 29}, {9, 30, 51}, {31, 52, 10}, {53, 11, 32},
        {12, 33, 54}, {34, 55, 13}, {56, 14, 35}, {15, 36, 57}, {37, 58, 16}, {59, 17, 38},
        {18, 39, 60}, {40, 61, 19}, {62, 20, 41}};

    private ShaCrypt() {
    }

    /** The parts of a {@code $5$}/{@code $6$} setting or hash. */
    private record Setting(String algorithm, String id, int rounds, boolean roundsGiven, String salt) {

        static Setting parse(String setting) {
            String rest;
            String algorithm;
            String id;
            if (setting.startsWith("$5$")) {
                algorithm = "SHA-256";
                id = "5";
            } else if (setting.startsWith("$6$")) {
                algorithm = "SHA-512";
                id = "6";
            } else {
                throw new IllegalArgumentException("not a SHA-crypt setting");
            }
            rest = setting.substring(3);
            int rounds = DEFAULT_ROUNDS;
            boolean roundsGiven = false;
            if (rest.startsWith(ROUNDS_PREFIX)) {
                int end = rest.indexOf('$');
                if (end < 0) {
                    throw new IllegalArgumentException("rounds= without '$'");
                }
                long requested = Long.parseLong(rest.substring(ROUNDS_PREFIX.length(), end));
                rounds = (int) Math.max(MIN_ROUNDS, Math.min(MAX_ROUNDS, requested));
                roundsGiven = true;
                rest = rest.substring(end + 1);
            }
            int saltEnd = rest.indexOf('$');
            String salt = saltEnd < 0 ? rest : rest.substring(0, saltEnd);
            if (salt.length() > MAX_SALT_LENGTH) {
                salt = salt.substring(0, MAX_SALT_LENGTH);
            }
            return new Setting(algorithm, id, rounds, roundsGiven, salt);
        }
    }

    /** @return true when {@code hash} is a complete SHA-crypt hash (setting and digest) */
    static boolean isWellFormed(String hash) {
        try {
            Setting setting = Setting.parse(hash);
            int digestLength = "5".equals(setting.id) ? 43 : 86;
            int lastDollar = hash.lastIndexOf('$');
            return hash.length() - lastDollar - 1 == digestLength
                    && hash.substring(0, lastDollar).endsWith(setting.salt);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Computes the hash of {@code password} (UTF-8 encoded) with the algorithm, rounds and salt of
     * {@code setting}, which may be a bare setting ({@code $6$salt}) or a complete hash.
     */
    public static String crypt(char[] password, String setting) {
        Setting parsed = Setting.parse(setting);
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] key = new byte[encoded.remaining()];
        encoded.get(key);
        Arrays.fill(encoded.array(), (byte) 0);
        try {
            byte[] digest = digest(parsed, key);
            StringBuilder out = new StringBuilder("$").append(parsed.id).append('$');
            if (parsed.roundsGiven) {
                out.append(ROUNDS_PREFIX).append(parsed.rounds).append('$');
            }
            out.append(parsed.salt).append('$');
            encode(digest, "5".equals(parsed.id), out);
            return out.toString();
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] digest(Setting setting, byte[] key) {
        MessageDigest md = newDigest(setting.algorithm);
        byte[] salt = setting.salt.getBytes(StandardCharsets.UTF_8);
        int size = md.getDigestLength();

        // Digest B = key + salt + key.
        md.update(key);
        md.update(salt);
        md.update(key);
        byte[] b = md.digest();

        // Digest A = key + salt + B repeated over the key length + key-length bit walk.
        md.update(key);
        md.update(salt);
        int remaining = key.length;
        for (; remaining > size; remaining -= size) {
            md.update(b, 0, size);
        }
        md.update(b, 0, remaining);
        for (int bits = key.length; bits > 0; bits >>>= 1) {
            if ((bits & 1) != 0) {
                md.update(b, 0, size);
            } else {
                md.update(key);
            }
        }
        byte[] a = md.digest();

        // P sequence: digest of the key repeated key-length times, stretched to the key length.
        for (int i = 0; i < key.length; i++) {
            md.update(key);
        }
        byte[] p = stretch(md.digest(), key.length);

        // S sequence: digest of the salt repeated 16 + A[0] times, stretched to the salt length.
        for (int i = 0; i < 16 + (a[0] & 0xff); i++) {
            md.update(salt);
        }
        byte[] s = stretch(md.digest(), salt.length);

        byte[] c = a;
        for (int round = 0; round < setting.rounds; round++) {
            md.update((round & 1) != 0 ? p : c);
            if (round % 3 != 0) {
                md.update(s);
            }
            if (round % 7 != 0) {
                md.update(p);
            }
            md.update((round & 1) != 0 ? c : p);
            c = md.digest();
        }
        Arrays.fill(p, (byte) 0);
        return c;
    }

    private static byte[] stretch(byte[] digest, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = digest[i % digest.length];
        }
        return out;
    }

    private static void encode(byte[] digest, boolean sha256, StringBuilder out) {
        int[][] order = sha256 ? SHA256_ORDER : SHA512_ORDER;
        for (int[] triple : order) {
            appendBase64(digest[triple[0]], digest[triple[1]], digest[triple[2]], 4, out);
        }
        if (sha256) {
            appendBase64((byte) 0, digest[31], digest[30], 3, out);
        } else {
            appendBase64((byte) 0, (byte) 0, digest[63], 2, out);
        }
    }

    private static void appendBase64(byte b2, byte b1, byte b0, int chars, StringBuilder out) {
        int w = ((b2 & 0xff) << 16) | ((b1 & 0xff) << 8) | (b0 & 0xff);
        for (int i = 0; i < chars; i++) {
            out.append(ALPHABET.charAt(w & 0x3f));
            w >>>= 6;
        }
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is a mandatory JDK algorithm", e);
        }
    }
}
