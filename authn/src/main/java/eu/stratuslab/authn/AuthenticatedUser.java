package eu.stratuslab.authn;

import java.util.Objects;
import java.util.Set;

/**
 * A caller whose credential has been verified: the identity (Basic user name, or RFC 2253 DN of
 * the EEC) and the roles granted by the login module that accepted it.
 */
public record AuthenticatedUser(String identity, Set<String> roles) {

    /** Request attribute under which the HTTP handlers publish the authenticated user. */
    public static final String REQUEST_ATTRIBUTE = "eu.stratuslab.authn.user";

    public AuthenticatedUser {
        Objects.requireNonNull(identity, "identity");
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    /** The account name in the core: the URL-encoded identity (authn.md §9). */
    public String accountName() {
        return AccountNames.accountName(identity);
    }

    /** Role names are case-sensitive (authn.md §7). */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
