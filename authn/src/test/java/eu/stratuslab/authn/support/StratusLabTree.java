package eu.stratuslab.authn.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The StratusLab directory tree used by the LDAP tests (test resource {@code stratuslab-tree.ldif}). */
public final class StratusLabTree {

    public static final String JDOE_PASSWORD = "jdoe:pw@1";
    public static final String JDOE_CERT_DN = "CN=John Doe,OU=LAL,O=CNRS,C=FR";
    public static final String PENDING_PASSWORD = "pending-pw";
    public static final String PENDING_CERT_DN = "CN=Pending User,OU=LAL,O=CNRS,C=FR";
    public static final String JANE_PASSWORD = "jane-pw";
    public static final String JANE_CERT_DN = "CN=Jane Tester,OU=Ops\\, Inc,O=CNRS,C=FR";

    private StratusLabTree() {
    }

    public static String ldif() throws IOException {
        try (InputStream in = StratusLabTree.class.getResourceAsStream("/eu/stratuslab/authn/stratuslab-tree.ldif")) {
            if (in == null) {
                throw new IOException("test resource stratuslab-tree.ldif missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The LDAP module options of the shipped login.conf, pointed at {@code port}. */
    public static String ldapOptions(int port, String bindDn, String bindPassword, String userIdAttribute,
            String extra) {
        return "    debug=\"false\"\n"
                + "    useLdaps=\"false\"\n"
                + "    contextFactory=\"com.sun.jndi.ldap.LdapCtxFactory\"\n"
                + "    hostname=\"127.0.0.1\"\n"
                + "    port=\"" + port + "\"\n"
                + "    bindDn=\"" + bindDn + "\"\n"
                + "    bindPassword=\"" + bindPassword + "\"\n"
                + "    authenticationMethod=\"simple\"\n"
                + "    userBaseDn=\"ou=users,o=cloud\"\n"
                + "    userRdnAttribute=\"uid\"\n"
                + "    userIdAttribute=\"" + userIdAttribute + "\"\n"
                + "    userPasswordAttribute=\"userPassword\"\n"
                + "    userObjectClass=\"inetOrgPerson\"\n"
                + "    roleBaseDn=\"ou=groups,o=cloud\"\n"
                + "    roleNameAttribute=\"cn\"\n"
                + "    roleMemberAttribute=\"uniqueMember\"\n"
                + "    roleObjectClass=\"groupOfUniqueNames\"\n"
                + extra;
    }
}
