package eu.stratuslab.authn.ldap;

import java.util.Locale;
import java.util.function.UnaryOperator;
import javax.security.auth.login.LoginException;

/**
 * The options of the LDAP login modules (authn.md §5, §6), with the values of the shipped
 * {@code login.conf} as defaults. {@code contextFactory} and {@code userRdnAttribute} are accepted
 * and ignored (JNDI leftovers). Project additions: {@code connectTimeout} and
 * {@code responseTimeout} in milliseconds, so that an unreachable directory is a prompt denial.
 */
record LdapSettings(
        String hostname,
        int port,
        boolean useLdaps,
        String bindDn,
        String bindPassword,
        String userBaseDn,
        String userIdAttribute,
        String userPasswordAttribute,
        String userObjectClass,
        String roleBaseDn,
        String roleNameAttribute,
        String roleMemberAttribute,
        String roleObjectClass,
        boolean forceBindingLogin,
        int connectTimeoutMillis,
        long responseTimeoutMillis) {

    static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 5_000;
    static final long DEFAULT_RESPONSE_TIMEOUT_MILLIS = 10_000;

    /**
     * @param option returns the option value or null
     * @param defaultUserIdAttribute {@code uid} for password login, {@code seeAlso} for certificates
     */
    static LdapSettings from(UnaryOperator<String> option, String defaultUserIdAttribute) throws LoginException {
        String method = value(option, "authenticationMethod", "simple").toLowerCase(Locale.ROOT);
        if (!method.equals("simple") && !method.equals("none")) {
            throw new LoginException("LDAP authenticationMethod '" + method + "' is not supported (use simple)");
        }
        boolean useLdaps = Boolean.parseBoolean(value(option, "useLdaps", "false"));
        String bindDn = method.equals("none") ? "" : value(option, "bindDn", "");
        return new LdapSettings(
                value(option, "hostname", "localhost"),
                intValue(option, "port", useLdaps ? 636 : 389, 1, 65535),
                useLdaps,
                bindDn,
                bindDn.isEmpty() ? "" : value(option, "bindPassword", ""),
                value(option, "userBaseDn", "ou=users,o=cloud"),
                value(option, "userIdAttribute", defaultUserIdAttribute),
                value(option, "userPasswordAttribute", "userPassword"),
                value(option, "userObjectClass", "inetOrgPerson"),
                value(option, "roleBaseDn", "ou=groups,o=cloud"),
                value(option, "roleNameAttribute", "cn"),
                value(option, "roleMemberAttribute", "uniqueMember"),
                value(option, "roleObjectClass", "groupOfUniqueNames"),
                Boolean.parseBoolean(value(option, "forceBindingLogin", "false")),
                intValue(option, "connectTimeout", DEFAULT_CONNECT_TIMEOUT_MILLIS, 1, Integer.MAX_VALUE),
                intValue(option, "responseTimeout", (int) DEFAULT_RESPONSE_TIMEOUT_MILLIS, 1, Integer.MAX_VALUE));
    }

    String url() {
        return (useLdaps ? "ldaps://" : "ldap://") + hostname + ":" + port + "/";
    }

    private static String value(UnaryOperator<String> option, String name, String defaultValue) {
        String value = option.apply(name);
        return value == null ? defaultValue : value.trim();
    }

    private static int intValue(UnaryOperator<String> option, String name, int defaultValue, int min, int max)
            throws LoginException {
        String value = option.apply(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw new NumberFormatException("out of range");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new LoginException("LDAP option " + name + "=\"" + value + "\" is not a valid number");
        }
    }

    /** Never reveals the bind password. */
    @Override
    public String toString() {
        return "LdapSettings[" + url() + ", bindDn=" + bindDn + ", userBaseDn=" + userBaseDn
                + ", userIdAttribute=" + userIdAttribute + ", roleBaseDn=" + roleBaseDn + "]";
    }
}
