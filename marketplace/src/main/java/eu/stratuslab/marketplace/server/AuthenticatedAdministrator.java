package eu.stratuslab.marketplace.server;

import java.util.Objects;
import java.util.Set;

import org.eclipse.jetty.server.Request;

import eu.stratuslab.authn.AuthenticatedUser;

/**
 * The administrator is the {@link AuthenticatedUser} that an authn handler in front (e.g.
 * {@code BasicAuthHandler}) put in the request attribute {@link AuthenticatedUser#REQUEST_ATTRIBUTE},
 * when its identity is one of the given identities or it holds the given role.
 */
public final class AuthenticatedAdministrator implements AdministratorGate {

    private final Set<String> identities;
    private final String role;

    private AuthenticatedAdministrator(Set<String> identities, String role) {
        this.identities = Set.copyOf(identities);
        this.role = role;
    }

    /** Administrators by identity (Basic user name or certificate DN), e.g. {@code oneadmin}. */
    public static AuthenticatedAdministrator withIdentities(Set<String> identities) {
        return new AuthenticatedAdministrator(Objects.requireNonNull(identities, "identities"), null);
    }

    /** Administrators by role granted by the login module. */
    public static AuthenticatedAdministrator withRole(String role) {
        return new AuthenticatedAdministrator(Set.of(), Objects.requireNonNull(role, "role"));
    }

    @Override
    public boolean isAdministrator(Request request) {
        if (!(request.getAttribute(AuthenticatedUser.REQUEST_ATTRIBUTE) instanceof AuthenticatedUser user)) {
            return false;
        }
        return identities.contains(user.identity()) || (role != null && user.hasRole(role));
    }
}
