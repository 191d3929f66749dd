package eu.stratuslab.authn.password;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * LDAP {@code userPassword} values in the RFC 2307 / OpenLDAP scheme form
 * ({@code {SSHA}base64(digest + salt)}), as written by StratusLab registration ({@code {SSHA}})
 * and {@code slappasswd}. Used only when {@code forceBindingLogin="false"}.
 */
final class Rfc2307Credential implements PasswordCredential {

    private final String algorithm;
    private final byte[] digest;
    private final byte[] salt;

    private Rfc2307Credential(String algorithm, byte[] digest, byte[] salt) {
        this.algorithm = algorithm;
        this.digest = digest;
        this.salt = salt;
    }

    /** @return the credential, or null when the scheme is unknown or the value malformed */
    static PasswordCredential forScheme(String scheme, String value) {
        if ("CRYPT".equals(scheme)) {
            return PasswordCredentials.fromPasswordFile(value.matches("[./0-9A-Za-z]{13}") ? "CRYPT:" + value : value);
        }
        String algorithm = switch (scheme) {
            case "SHA", "SSHA" -> "SHA-1";
            case "SHA256", "SSHA256" -> "SHA-256";
            case "SHA512", "SSHA512" -> "SHA-512";
            case "MD5", "SMD5" -> "MD5";
            default -> null;
        };
        if (algorithm == null) {
            return null;
        }
        byte[] decoded;
        try {
            decoded = Base64.getMimeDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int digestLength = newDigest(algorithm).getDigestLength();
        boolean salted = scheme.startsWith("S") && !scheme.startsWith("SHA");
        if (decoded.length < digestLength || (!salted && decoded.length != digestLength)) {
            return null;
        }
        return new Rfc2307Credential(algorithm, Arrays.copyOf(decoded, digestLength),
                Arrays.copyOfRange(decoded, digestLength, decoded.length));
    }

    @Override
    public boolean matches(char[] password) {
        if (password == null) {
            return false;
        }
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        MessageDigest md = newDigest(algorithm);
        md.update(bytes);
        md.update(salt);
        Arrays.fill(bytes, (byte) 0);
        return MessageDigest.isEqual(md.digest(), digest);
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is a mandatory JDK algorithm", e);
        }
    }

    @Override
    public String toString() {
        return "Rfc2307Credential[" + algorithm + "]";
    }
}
