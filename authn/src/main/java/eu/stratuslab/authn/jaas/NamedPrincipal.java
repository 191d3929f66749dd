package eu.stratuslab.authn.jaas;

import java.security.Principal;

/** A principal that is only a name (the user, or one of the user's roles). */
interface NamedPrincipal extends Principal {

    String name();

    @Override
    default String getName() {
        return name();
    }
}
