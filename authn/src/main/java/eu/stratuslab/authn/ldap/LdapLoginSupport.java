package eu.stratuslab.authn.ldap;

import eu.stratuslab.authn.LogSafe;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logging shared by the LDAP modules: an unusable directory is an operational error. */
final class LdapLoginSupport {

    private static final Logger LOG = LoggerFactory.getLogger(LdapLoginSupport.class);

    private LdapLoginSupport() {
    }

    /** Logs {@code e} at WARN unless it is an ordinary denial, and returns it for rethrowing. */
    static LoginException reportIfUnavailable(LoginException e) {
        if (!(e instanceof FailedLoginException)) {
            LOG.warn("{} (login denied)", LogSafe.printable(e.getMessage()));
        }
        return e;
    }
}
