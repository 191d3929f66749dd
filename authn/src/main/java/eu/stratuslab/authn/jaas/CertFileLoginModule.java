package eu.stratuslab.authn.jaas;

import eu.stratuslab.authn.AuthenticatedUser;
import eu.stratuslab.authn.file.CertificateFile;
import java.nio.file.Path;
import java.util.Set;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;

/**
 * Certificate login against a {@code login-cert.properties} file (authn.md §4). Replaces
 * {@code eu.stratuslab.authn.CertLoginModule}. Options: {@code file} (required), {@code debug}.
 * The certificate chain has been validated by the TLS layer; this module only maps the EEC DN to
 * roles. Identity = the RFC 2253 DN.
 */
public class CertFileLoginModule extends StratusLabLoginModule {

    @Override
    protected AuthenticatedUser authenticate(CallbackHandler handler) throws LoginException {
        Path file = Path.of(requiredOption("file"));
        CertificateLogin login = LoginCallbacks.certificateLogin(handler);
        Set<String> roles = CertificateFile.at(file).roles(login.dn())
                .orElseThrow(() -> new FailedLoginException("certificate DN not listed: " + login.dn()));
        return new AuthenticatedUser(login.dn(), roles);
    }
}
