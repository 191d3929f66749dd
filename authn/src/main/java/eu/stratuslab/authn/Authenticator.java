package eu.stratuslab.authn;

import java.security.cert.X509Certificate;
import java.util.Optional;

/** Verifies one credential. Implementations are thread-safe. */
public interface Authenticator {

    /** @return the user, or empty when the credential is denied (never throws for a bad credential) */
    Optional<AuthenticatedUser> authenticateWithPassword(String user, char[] password);

    /**
     * @param rfc2253Dn the subject of the end-entity certificate in RFC 2253 form (authn.md §9)
     * @param chain     the validated chain presented by the client, leaf first; may be null
     * @return the user, or empty when no module accepts the certificate
     */
    Optional<AuthenticatedUser> authenticateWithCertificate(String rfc2253Dn, X509Certificate[] chain);
}
