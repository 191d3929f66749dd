package eu.stratuslab.authn.password;

/**
 * A stored password credential (one of the forms of authn.md §3, or an LDAP {@code userPassword}
 * value) that can check a password presented by a user. Implementations are immutable and
 * thread-safe, and never reveal the stored value through {@code toString()}.
 */
public interface PasswordCredential {

    /** @return true when {@code password} is the password this credential was made from */
    boolean matches(char[] password);
}
