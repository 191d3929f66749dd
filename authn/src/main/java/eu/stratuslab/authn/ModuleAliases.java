package eu.stratuslab.authn;

import eu.stratuslab.authn.jaas.CertFileLoginModule;
import eu.stratuslab.authn.jaas.PasswordFileLoginModule;
import eu.stratuslab.authn.ldap.LdapCertLoginModule;
import eu.stratuslab.authn.ldap.LdapPasswordLoginModule;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.spi.LoginModule;

/**
 * Maps the login module class names found in existing {@code login.conf} files (authn.md §2) onto
 * this project's modules. Any other class name is a configuration error.
 */
final class ModuleAliases {

    private static final Map<String, Class<? extends LoginModule>> MODULES = Map.ofEntries(
            // password file
            Map.entry("org.eclipse.jetty.jaas.spi.PropertyFileLoginModule", PasswordFileLoginModule.class),
            Map.entry("org.eclipse.jetty.plus.jaas.spi.PropertyFileLoginModule", PasswordFileLoginModule.class),
            Map.entry("org.eclipse.jetty.security.jaas.spi.PropertyFileLoginModule", PasswordFileLoginModule.class),
            Map.entry(PasswordFileLoginModule.class.getName(), PasswordFileLoginModule.class),
            // LDAP password
            Map.entry("org.eclipse.jetty.jaas.spi.LdapLoginModule", LdapPasswordLoginModule.class),
            Map.entry("org.eclipse.jetty.plus.jaas.spi.LdapLoginModule", LdapPasswordLoginModule.class),
            Map.entry("org.eclipse.jetty.security.jaas.spi.LdapLoginModule", LdapPasswordLoginModule.class),
            Map.entry(LdapPasswordLoginModule.class.getName(), LdapPasswordLoginModule.class),
            // certificate file
            Map.entry("eu.stratuslab.authn.CertLoginModule", CertFileLoginModule.class),
            Map.entry(CertFileLoginModule.class.getName(), CertFileLoginModule.class),
            // LDAP certificate
            Map.entry("eu.stratuslab.authn.LdapCertLoginModule", LdapCertLoginModule.class),
            Map.entry(LdapCertLoginModule.class.getName(), LdapCertLoginModule.class));

    private ModuleAliases() {
    }

    /** @return the module implementing {@code className}, or empty when the name is unknown */
    static Optional<Class<? extends LoginModule>> module(String className) {
        return Optional.ofNullable(MODULES.get(className));
    }

    /** @return true for modules that read a {@code file} option */
    static boolean readsFile(Class<? extends LoginModule> module) {
        return module == PasswordFileLoginModule.class || module == CertFileLoginModule.class;
    }

    /** @return true for the LDAP modules */
    static boolean isLdap(Class<? extends LoginModule> module) {
        return module == LdapPasswordLoginModule.class || module == LdapCertLoginModule.class;
    }
}
