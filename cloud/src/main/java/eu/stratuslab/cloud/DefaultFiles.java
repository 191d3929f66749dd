package eu.stratuslab.cloud;

import java.io.IOException;

/**
 * Commented defaults for every configuration file of a cloud home. A file that exists is never
 * overwritten: sites edit them and the cloud uses them as they are.
 */
final class DefaultFiles {
    private DefaultFiles() {
    }

    /** cloud.cfg, written with its defaults first when missing (it decides which credentials exist). */
    static CloudConfig cloudConfig(CloudHome home) throws IOException {
        CloudHome.writeIfMissing(home.cloudCfg(), CloudConfig.DEFAULT_TEXT, false);
        return CloudConfig.load(home.cloudCfg());
    }

    static void writeMissing(CloudHome home, Credentials credentials) throws IOException {
        CloudHome.writeIfMissing(home.cloudCfg(), CloudConfig.DEFAULT_TEXT, false);
        CloudHome.writeIfMissing(home.loginConf(), loginConf(home), false);
        CloudHome.writeIfMissing(home.passwordFile(), passwordFile(credentials), true);
        CloudHome.writeIfMissing(home.certFile(), """
                # Certificate users: "<DN>" role, role
                # The DN may be written in the legacy display form or in RFC 2253 form, e.g.
                # "CN=Jane Tester, OU=LAL, O=CNRS, C=FR" cloud-access
                """, false);
        CloudHome.writeIfMissing(home.etc().resolve("pdisk.cfg"), """
                # pdisk server configuration (Java properties; reference: conf/pdisk/pdisk.cfg).
                # Superuser of the service (hooks and node tools use it; plain-text entry in login-pswd.properties).
                disk.store.cloud.service.user = pdisk
                # Maximum disk size in GiB.
                disk.store.size.max = 1024
                # How attach/detach reach the VM: 'cloud' plugs the volume into the running domain through
                # this cloud's VM manager (libvirt on the VM's host; refused unless the VM is RUNNING and
                # the caller's), 'ssh' runs the node tool on the VM's node (the original behaviour),
                # 'none' only records the mount.
                disk.store.cloud.node.hotplug = cloud
                """, false);
        CloudHome.writeIfMissing(home.gridCertificates().resolve("README"), """
                Trusted CAs in OpenSSL hash layout: <hash>.0 certificates, <hash>.r0 CRLs,
                <hash>.namespaces / <hash>.signing_policy. Certificate and proxy users are
                accepted on the /cert paths when their chain ends at one of these CAs.
                """, false);
    }

    /**
     * Appends {@code user=password,cloud-access} for every generated account that the password file
     * does not name. A file written here has them all already; a file shipped without passwords (the
     * RPM's) gets them on the first start, so that the generated credentials work at once. An entry
     * the site wrote (or changed to a hash) is never touched. Appended in place: the service may
     * write this file but not its directory.
     */
    static void addMissingUsers(java.nio.file.Path passwordFile, Credentials credentials) throws IOException {
        java.util.Set<String> named = new java.util.HashSet<>();
        String text = java.nio.file.Files.readString(passwordFile);
        for (String line : text.split("\n")) {
            String t = line.strip();
            int eq = t.indexOf('=');
            if (!t.isEmpty() && !t.startsWith("#") && !t.startsWith("!") && eq > 0) {
                named.add(t.substring(0, eq).strip());
            }
        }
        StringBuilder add = new StringBuilder();
        credentials.all().forEach((user, pw) -> {
            if (!named.contains(user)) {
                add.append(user).append('=').append(pw).append(",cloud-access\n");
            }
        });
        if (add.length() > 0) {
            String sep = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
            java.nio.file.Files.writeString(passwordFile, sep + add, java.nio.file.StandardOpenOption.APPEND);
        }
    }

    private static String loginConf(CloudHome home) {
        return """
                // JAAS configuration of the one-proxy and pdisk (entries stratuslab-pswd, stratuslab-cert).
                // Module class names of the original installation are accepted as they are.
                // Add an LDAP module to either entry, e.g.
                //   org.eclipse.jetty.jaas.spi.LdapLoginModule sufficient
                //     hostname="localhost" port="10389" bindDn="uid=admin,ou=system" bindPassword="secret"
                //     forceBindingLogin="true" userBaseDn="ou=users,o=cloud" userIdAttribute="uid"
                //     userObjectClass="inetOrgPerson" roleBaseDn="ou=groups,o=cloud" roleNameAttribute="cn"
                //     roleMemberAttribute="uniqueMember" roleObjectClass="groupOfUniqueNames";

                stratuslab-cert {
                  eu.stratuslab.authn.CertLoginModule sufficient
                    file="%s";
                };

                stratuslab-pswd {
                  org.eclipse.jetty.jaas.spi.PropertyFileLoginModule sufficient
                    file="%s";
                };
                """.formatted(home.certFile().toAbsolutePath(), home.passwordFile().toAbsolutePath());
    }

    private static String passwordFile(Credentials credentials) {
        StringBuilder sb = new StringBuilder("""
                # username=password,cloud-access  -- 'cloud-access' is a required role.
                # Credentials may be plain, OBF:, MD5:, CRYPT:, bcrypt ($2a$/$2y$) or SHA-crypt ($5$/$6$).
                # The pdisk superuser entry must stay plain text (node tools read it).
                """);
        credentials.all().forEach((user, pw) -> sb.append(user).append('=').append(pw).append(",cloud-access\n"));
        return sb.toString();
    }
}
