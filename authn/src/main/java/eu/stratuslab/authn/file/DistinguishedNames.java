package eu.stratuslab.authn.file;

import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * Normalises distinguished names so that different spellings of one DN compare equal: RFC 2253
 * ({@code CN=a,O=b}), the JDK legacy display form ({@code CN=a, O=b}, {@code EMAILADDRESS=}),
 * quoting versus backslash escapes, and the case of keywords and values. The comparison key is
 * {@link X500Principal#CANONICAL}, i.e. the matching rule X.500 and LDAP use for DNs.
 */
public final class DistinguishedNames {

    private static final String EMAIL_OID = "1.2.840.113549.1.9.1";
    /** Keywords the JDK does not know but OpenSSL-style listings use for the e-mail attribute. */
    private static final Map<String, String> EXTRA_KEYWORDS = Map.of("E", EMAIL_OID, "emailAddress", EMAIL_OID);

    private DistinguishedNames() {
    }

    /** @return the canonical form of {@code dn}, or empty when it is not a parsable DN */
    public static Optional<String> canonical(String dn) {
        return principal(dn).map(p -> p.getName(X500Principal.CANONICAL));
    }

    /** @return the parsed DN, or empty when it is not a parsable DN */
    public static Optional<X500Principal> principal(String dn) {
        if (dn == null || dn.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new X500Principal(dn, EXTRA_KEYWORDS));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
