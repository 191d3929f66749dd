package eu.stratuslab.authn.password;

/**
 * A credential stored as one crypt(3)-style hash string: a missing password never matches, and
 * {@code toString()} names only the scheme, so the hash cannot leak into a log.
 */
abstract class HashCredential implements PasswordCredential {

    protected final String hash;

    HashCredential(String hash) {
        this.hash = hash;
    }

    @Override
    public final boolean matches(char[] password) {
        return password != null && check(password);
    }

    /** @param password never null */
    protected abstract boolean check(char[] password);

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
