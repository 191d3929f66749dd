package eu.stratuslab.authn.http;

import eu.stratuslab.authn.CredentialText;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The user name and password of an HTTP {@code Authorization: Basic} header. The decoded value is
 * split at the FIRST {@code :}, so passwords may contain {@code :} and {@code @} (xmlrpc-api.md §2).
 * Public for forward mode, which passes {@code oneadmin}'s password on to the external oned (authn.md §11).
 */
public record BasicCredentials(String user, char[] password) {

    private static final String SCHEME = "basic";

    /** @return the credentials, or empty when the header is absent, not Basic, or malformed */
    public static Optional<BasicCredentials> parse(String authorization) {
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
        String text = CredentialText.decode(decoded); // UTF-8, else ISO-8859-1 as browsers send it
        int colon = text.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(text.substring(0, colon), text.substring(colon + 1).toCharArray()));
    }

    /** Never reveals the password. */
    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + "]";
    }
}
