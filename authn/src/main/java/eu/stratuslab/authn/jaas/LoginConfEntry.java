package eu.stratuslab.authn.jaas;

import java.util.List;

/** One {@code name { ... };} entry of a login.conf, as written. */
public record LoginConfEntry(String name, List<LoginConfModule> modules, int line) {

    public LoginConfEntry {
        modules = List.copyOf(modules);
    }
}
