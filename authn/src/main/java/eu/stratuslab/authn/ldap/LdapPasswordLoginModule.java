package eu.stratuslab.authn.ldap;

import com.unboundid.ldap.sdk.SearchResultEntry;
import eu.stratuslab.authn.AuthenticatedUser;
import eu.stratuslab.authn.jaas.LoginCallbacks;
import eu.stratuslab.authn.jaas.PasswordLogin;
import eu.stratuslab.authn.jaas.StratusLabLoginModule;
import eu.stratuslab.authn.password.PasswordCredentials;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;

/**
 * Password login against an LDAP directory (authn.md §5). Replaces Jetty's {@code LdapLoginModule}.
 * With {@code forceBindingLogin="true"} (the shipped setting) the password is verified by binding
 * as the user's entry; otherwise the entry's {@code userPasswordAttribute} is read and compared.
 * Identity = the user name as typed.
 */
public class LdapPasswordLoginModule extends StratusLabLoginModule {

    @Override
    protected AuthenticatedUser authenticate(CallbackHandler handler) throws LoginException {
        LdapSettings settings = LdapSettings.from(name -> option(name, null), "uid");
        PasswordLogin login = LoginCallbacks.passwordLogin(handler);
        try (LdapDirectory directory = LdapDirectory.open(settings)) {
            String[] attributes = settings.forceBindingLogin()
                    ? new String[0] : new String[] {settings.userPasswordAttribute()};
            SearchResultEntry entry = directory.findUser(login.user(), attributes)
                    .orElseThrow(() -> new FailedLoginException("no LDAP entry for user " + login.user()));
            Set<String> roles = directory.roles(entry.getDN());
            if (settings.forceBindingLogin()) {
                directory.bindAsUser(entry.getDN(), login.password());
            } else if (!storedPasswordMatches(entry, settings, login.password())) {
                throw new FailedLoginException("wrong password for " + login.user());
            }
            return new AuthenticatedUser(login.user(), roles);
        } catch (LoginException e) {
            throw LdapLoginSupport.reportIfUnavailable(e);
        } finally {
            Arrays.fill(login.password(), '\0');
        }
    }

    private static boolean storedPasswordMatches(SearchResultEntry entry, LdapSettings settings, char[] password) {
        byte[][] values = entry.getAttributeValueByteArrays(settings.userPasswordAttribute());
        if (values == null) {
            return false;
        }
        for (byte[] value : values) {
            String stored = new String(value, StandardCharsets.UTF_8);
            if (!stored.isEmpty() && PasswordCredentials.fromLdapUserPassword(stored).matches(password)) {
                return true;
            }
        }
        return false;
    }
}
