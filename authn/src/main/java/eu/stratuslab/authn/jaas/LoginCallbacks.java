package eu.stratuslab.authn.jaas;

import java.io.IOException;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;

/**
 * Obtains credentials from a JAAS callback handler. The callbacks a handler supports tell the kind
 * of login: a password login answers {@link PasswordCallback}, a certificate login answers
 * {@link CertificateChainCallback}. A module asking for the other kind fails, so password modules
 * never succeed in the certificate entry and certificate modules never in the password entry.
 */
public final class LoginCallbacks {

    private LoginCallbacks() {
    }

    /** @throws FailedLoginException when the handler does not offer a user name and password */
    public static PasswordLogin passwordLogin(CallbackHandler handler) throws LoginException {
        NameCallback name = new NameCallback("user name: ");
        PasswordCallback password = new PasswordCallback("password: ", false);
        handle(handler, new Callback[] {name, password}, "not a password login");
        char[] secret = password.getPassword();
        password.clearPassword();
        if (name.getName() == null || name.getName().isEmpty()) {
            throw new FailedLoginException("no user name");
        }
        if (secret == null || secret.length == 0) {
            // An empty password is refused everywhere: for LDAP it would be an anonymous bind.
            throw new FailedLoginException("empty password");
        }
        return new PasswordLogin(name.getName(), secret);
    }

    /** @throws FailedLoginException when the handler does not offer a certificate identity */
    public static CertificateLogin certificateLogin(CallbackHandler handler) throws LoginException {
        NameCallback name = new NameCallback("certificate DN: ");
        CertificateChainCallback chain = new CertificateChainCallback();
        handle(handler, new Callback[] {name, chain}, "not a certificate login");
        if (name.getName() == null || name.getName().isBlank()) {
            throw new FailedLoginException("no certificate DN");
        }
        return new CertificateLogin(name.getName(), chain.getChain());
    }

    private static void handle(CallbackHandler handler, Callback[] callbacks, String unsupported)
            throws LoginException {
        if (handler == null) {
            throw new FailedLoginException("no callback handler");
        }
        try {
            handler.handle(callbacks);
        } catch (UnsupportedCallbackException e) {
            throw new FailedLoginException(unsupported);
        } catch (IOException e) {
            LoginException failure = new LoginException("callback handler failed: " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }
}
