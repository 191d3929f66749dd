package eu.stratuslab.authn.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** A SHA-256-crypt ({@code $5$}) or SHA-512-crypt ({@code $6$}) hash. */
final class ShaCryptCredential implements PasswordCredential {

    private final String hash;

    ShaCryptCredential(String hash) {
        this.hash = hash;
    }

    @Override
    public boolean matches(char[] password) {
        if (password == null) {
            return false;
        }
        String computed = ShaCrypt.crypt(password, hash);
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                hash.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "ShaCryptCredential";
    }
}
