package eu.stratuslab.authn.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** A SHA-256-crypt ({@code $5$}) or SHA-512-crypt ({@code $6$}) hash. */
final class ShaCryptCredential extends HashCredential {

    ShaCryptCredential(String hash) {
        super(hash);
    }

    @Override
    protected boolean check(char[] password) {
        String computed = ShaCrypt.crypt(password, hash);
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                hash.getBytes(StandardCharsets.US_ASCII));
    }
}
