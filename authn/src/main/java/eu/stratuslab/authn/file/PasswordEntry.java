package eu.stratuslab.authn.file;

import eu.stratuslab.authn.password.PasswordCredential;
import java.util.Set;

/** One user of a password file: the stored credential and the roles after it. */
public record PasswordEntry(String user, PasswordCredential credential, Set<String> roles) {

    public PasswordEntry {
        roles = Set.copyOf(roles);
    }
}
