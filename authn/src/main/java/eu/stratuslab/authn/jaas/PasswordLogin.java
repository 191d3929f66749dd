package eu.stratuslab.authn.jaas;

/** A user name and password obtained from a callback handler. */
public record PasswordLogin(String user, char[] password) {
}
