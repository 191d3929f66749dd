package eu.stratuslab.authn.password;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises the credential forms of a password file entry (authn.md §3) and of an LDAP
 * {@code userPassword} attribute.
 *
 * <p>{@code OBF:}, {@code MD5:}, {@code CRYPT:} and plain text are checked by Jetty's own
 * {@code Credential} classes, exactly as the original (which ran in Jetty) did. Project additions:
 * bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$}) and SHA-crypt ({@code $5$}, {@code $6$}). A
 * value is only taken as a hash when it is well formed; anything else is a plain-text password,
 * so an existing plain password that happens to start with {@code $5$} keeps working.
 */
public final class PasswordCredentials {

    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    private static final Pattern SHA_CRYPT =
            Pattern.compile("\\$([56])\\$(rounds=\\d{1,9}\\$)?[^$:\\n]{0,16}\\$[./0-9A-Za-z]+");

    private PasswordCredentials() {
    }

    /** Parses the credential part of a password file entry. */
    public static PasswordCredential fromPasswordFile(String stored) {
        if (stored == null) {
            throw new IllegalArgumentException("no credential");
        }
        if (BCRYPT.matcher(stored).matches()) {
            return new BcryptCredential(stored);
        }
        if (SHA_CRYPT.matcher(stored).matches() && ShaCrypt.isWellFormed(stored)) {
            return new ShaCryptCredential(stored);
        }
        return new JettyCredential(stored);
    }

    /**
     * Parses an LDAP {@code userPassword} value: RFC 2307 schemes ({@code {SSHA}}, {@code {SHA}},
     * {@code {SSHA256}}, {@code {SSHA512}}, {@code {SHA256}}, {@code {SHA512}}, {@code {MD5}},
     * {@code {SMD5}}, {@code {CRYPT}}), otherwise the forms of {@link #fromPasswordFile(String)}.
     */
    public static PasswordCredential fromLdapUserPassword(String stored) {
        if (stored.startsWith("{")) {
            int end = stored.indexOf('}');
            if (end > 0) {
                String scheme = stored.substring(1, end).toUpperCase(Locale.ROOT);
                String value = stored.substring(end + 1);
                PasswordCredential credential = Rfc2307Credential.forScheme(scheme, value);
                if (credential != null) {
                    return credential;
                }
            }
        }
        return fromPasswordFile(stored);
    }
}
