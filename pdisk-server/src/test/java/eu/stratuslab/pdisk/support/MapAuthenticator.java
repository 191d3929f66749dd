package eu.stratuslab.pdisk.support;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import eu.stratuslab.authn.AuthenticatedUser;
import eu.stratuslab.authn.Authenticator;

/** Test-only authenticator: fixed users, all with role cloud-access except {@code norole}. */
public final class MapAuthenticator implements Authenticator {

    private final Map<String, String> passwords;

    public MapAuthenticator(Map<String, String> passwords) {
        this.passwords = Map.copyOf(passwords);
    }

    @Override
    public Optional<AuthenticatedUser> authenticateWithPassword(String user, char[] password) {
        String expected = passwords.get(user);
        if (expected == null || !Arrays.equals(expected.toCharArray(), password)) {
            return Optional.empty();
        }
        return Optional.of(new AuthenticatedUser(user, user.equals("norole") ? Set.of() : Set.of("cloud-access")));
    }

    @Override
    public Optional<AuthenticatedUser> authenticateWithCertificate(String rfc2253Dn, X509Certificate[] chain) {
        return Optional.empty();
    }
}
