package eu.stratuslab.authn.jaas;

import eu.stratuslab.authn.AuthenticatedUser;
import eu.stratuslab.authn.file.PasswordEntry;
import eu.stratuslab.authn.file.PasswordFile;
import java.nio.file.Path;
import java.util.Arrays;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;

/**
 * Password login against a {@code login-pswd.properties} file (authn.md §3). Replaces Jetty's
 * {@code PropertyFileLoginModule}. Options: {@code file} (required), {@code refreshInterval}
 * (accepted; the file is re-read whenever it changes), {@code debug}. Identity = the user name.
 */
public class PasswordFileLoginModule extends StratusLabLoginModule {

    @Override
    protected AuthenticatedUser authenticate(CallbackHandler handler) throws LoginException {
        Path file = Path.of(requiredOption("file"));
        PasswordLogin login = LoginCallbacks.passwordLogin(handler);
        try {
            PasswordEntry entry = PasswordFile.at(file).entry(login.user())
                    .orElseThrow(() -> new FailedLoginException("unknown user " + login.user()));
            if (!entry.credential().matches(login.password())) {
                throw new FailedLoginException("wrong password for " + login.user());
            }
            return new AuthenticatedUser(login.user(), entry.roles());
        } finally {
            Arrays.fill(login.password(), '\0');
        }
    }
}
