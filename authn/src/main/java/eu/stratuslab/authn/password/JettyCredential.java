package eu.stratuslab.authn.password;

import org.eclipse.jetty.util.security.Credential;

/**
 * Plain text, {@code OBF:}, {@code MD5:} and {@code CRYPT:} credentials, checked by Jetty's
 * {@link Credential} so that files written for the original Jetty-based services behave the same.
 */
final class JettyCredential implements PasswordCredential {

    private final Credential credential;

    JettyCredential(String stored) {
        this.credential = Credential.getCredential(stored);
    }

    @Override
    public boolean matches(char[] password) {
        return password != null && credential.check(new String(password));
    }

    @Override
    public String toString() {
        return "JettyCredential[" + credential.getClass().getSimpleName() + "]";
    }
}
