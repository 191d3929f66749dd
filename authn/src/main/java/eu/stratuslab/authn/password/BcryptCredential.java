package eu.stratuslab.authn.password;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** A bcrypt hash ({@code $2a$}, {@code $2b$}, {@code $2y$}), checked with Bouncy Castle. */
final class BcryptCredential extends HashCredential {

    /** bcrypt only uses the first 72 bytes of the password (OpenBSD, libxcrypt, htpasswd). */
    private static final int MAX_PASSWORD_BYTES = 72;

    BcryptCredential(String hash) {
        super(hash);
    }

    @Override
    protected boolean check(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[Math.min(encoded.remaining(), MAX_PASSWORD_BYTES)];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        try {
            return OpenBSDBCrypt.checkPassword(hash, bytes);
        } catch (IllegalArgumentException | org.bouncycastle.crypto.DataLengthException e) {
            return false;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
