package eu.stratuslab.authn.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The user name and password of an HTTP {@code Authorization: Basic} header. The decoded value is
 * split at the FIRST {@code :}, so passwords may contain {@code :} and {@code @} (xmlrpc-api.md §2).
 */
record BasicCredentials(String user, char[] password) {

    private static final String SCHEME = "basic";

    /** @return the credentials, or empty when the header is absent, not Basic, or malformed */
    static Optional<BasicCredentials> parse(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.trim();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return Optional.empty();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(value.substring(space + 1).trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String text = decode(decoded);
        int colon = text.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(text.substring(0, colon), text.substring(colon + 1).toCharArray()));
    }

    /** UTF-8 (authn.md §9); bytes that are not UTF-8 are taken as ISO-8859-1, as browsers send them. */
    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** Never reveals the password. */
    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + "]";
    }
}
