package eu.stratuslab.authn.jaas;

import java.util.Objects;

/** The authenticated identity, added to the JAAS subject by the login module that accepted it. */
public record UserPrincipal(String name) implements NamedPrincipal {

    public UserPrincipal {
        Objects.requireNonNull(name, "name");
    }
}
