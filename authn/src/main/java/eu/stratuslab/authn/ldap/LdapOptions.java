package eu.stratuslab.authn.ldap;

import java.util.Map;
import javax.security.auth.login.LoginException;

/** Start-up validation of the LDAP module options, so that a typo is reported before any login. */
public final class LdapOptions {

    private LdapOptions() {
    }

    /** @throws IllegalArgumentException naming the bad option */
    public static void validate(Map<String, String> options) {
        try {
            LdapSettings.from(options::get, "uid");
        } catch (LoginException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
