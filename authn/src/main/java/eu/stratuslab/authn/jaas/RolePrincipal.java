package eu.stratuslab.authn.jaas;

import java.security.Principal;
import java.util.Objects;

/** A role granted to the authenticated user (e.g. {@code cloud-access}). */
public record RolePrincipal(String name) implements Principal {

    public RolePrincipal {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String getName() {
        return name;
    }
}
