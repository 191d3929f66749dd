package eu.stratuslab.authn.ldap;

import com.unboundid.ldap.sdk.SearchResultEntry;
import eu.stratuslab.authn.AuthenticatedUser;
import eu.stratuslab.authn.file.DistinguishedNames;
import eu.stratuslab.authn.jaas.CertificateLogin;
import eu.stratuslab.authn.jaas.LoginCallbacks;
import eu.stratuslab.authn.jaas.StratusLabLoginModule;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;

/**
 * Certificate login against an LDAP directory (authn.md §6). Replaces
 * {@code eu.stratuslab.authn.LdapCertLoginModule}: the user is the entry whose
 * {@code userIdAttribute} ({@code seeAlso}) is the EEC DN; there is no password (the TLS layer has
 * validated the chain). Roles come from the groups, as for password login. Identity = the DN.
 */
public class LdapCertLoginModule extends StratusLabLoginModule {

    @Override
    protected AuthenticatedUser authenticate(CallbackHandler handler) throws LoginException {
        LdapSettings settings = LdapSettings.from(name -> option(name, null), "seeAlso");
        CertificateLogin login = LoginCallbacks.certificateLogin(handler);
        if (DistinguishedNames.principal(login.dn()).isEmpty()) {
            // Not a certificate DN (e.g. a pseudo-user of the certificate layer): it cannot be a
            // seeAlso value, and asking the directory would only produce a syntax error.
            throw new FailedLoginException("not a distinguished name: " + login.dn());
        }
        try (LdapDirectory directory = LdapDirectory.open(settings)) {
            SearchResultEntry entry = directory.findUser(login.dn())
                    .orElseThrow(() -> new FailedLoginException("no LDAP entry with "
                            + settings.userIdAttribute() + "=" + login.dn()));
            return new AuthenticatedUser(login.dn(), directory.roles(entry.getDN()));
        } catch (LoginException e) {
            throw LdapLoginSupport.reportIfUnavailable(e);
        }
    }
}
