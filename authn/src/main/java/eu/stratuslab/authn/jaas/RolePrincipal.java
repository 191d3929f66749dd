package eu.stratuslab.authn.jaas;

import java.util.Objects;

/** A role granted to the authenticated user (e.g. {@code cloud-access}). */
public record RolePrincipal(String name) implements NamedPrincipal {

    public RolePrincipal {
        Objects.requireNonNull(name, "name");
    }
}
