package eu.stratuslab.authn.ldap;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import eu.stratuslab.authn.AuthenticatedUser;
import eu.stratuslab.authn.JaasAuthenticator;
import eu.stratuslab.authn.LoginConfiguration;
import eu.stratuslab.authn.support.ExternalComponents;
import eu.stratuslab.authn.support.Slapd;
import eu.stratuslab.authn.support.StratusLabTree;
import eu.stratuslab.authn.support.TestFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Both LDAP modules against a real OpenLDAP slapd, configured by the shipped login.conf (only the
 * port and the service account differ: slapd's rootdn must lie under its suffix).
 */
public class SlapdLdapTest {

    @ClassRule
    public static TemporaryFolder tmp = new TemporaryFolder();

    private static Slapd slapd;
    private static String unavailable;
    private static LoginConfiguration config;

    @BeforeClass
    public static void startSlapd() throws Exception {
        try {
            slapd = Slapd.start(tmp.newFolder("slapd").toPath());
        } catch (Slapd.Unavailable e) {
            unavailable = e.getMessage();
            return;
        }
        String original = TestFiles.resource("/eu/stratuslab/authn/original-login.conf");
        Path dir = tmp.newFolder("authn").toPath();
        String site = original
                .replace("/etc/stratuslab/authn/", dir + "/")
                .replace("port=\"10389\"", "port=\"" + slapd.port() + "\"")
                .replace("bindDn=\"uid=admin,ou=system\"", "bindDn=\"" + Slapd.ROOT_DN + "\"")
                .replace("bindPassword=\"secret\"", "bindPassword=\"" + Slapd.ROOT_PASSWORD + "\"");
        TestFiles.write(dir.resolve("login-pswd.properties"), "oneadmin=ChangeMe2014,cloud-access\n");
        TestFiles.write(dir.resolve("login-cert.properties"), "# no certificate users in the file\n");
        config = LoginConfiguration.load(TestFiles.write(dir.resolve("login.conf"), site));
    }

    @AfterClass
    public static void stopSlapd() throws Exception {
        if (slapd != null) {
            slapd.close();
        }
    }

    private static void requireSlapd() {
        if (slapd == null) {
            ExternalComponents.unavailable("slapd", unavailable);
        }
    }

    private static JaasAuthenticator entry(String name) {
        return new JaasAuthenticator(config, name, Duration.ZERO, 0);
    }

    @Test
    public void passwordLoginBindsAsTheUser() {
        requireSlapd();
        JaasAuthenticator pswd = entry("stratuslab-pswd");
        assertEquals(Optional.of(new AuthenticatedUser("jdoe", Set.of("cloud-access", "operators"))),
                pswd.authenticateWithPassword("jdoe", StratusLabTree.JDOE_PASSWORD.toCharArray()));
        assertEquals(Optional.of(new AuthenticatedUser("pending", Set.of("operators"))),
                pswd.authenticateWithPassword("pending", StratusLabTree.PENDING_PASSWORD.toCharArray()));
        assertFalse(pswd.authenticateWithPassword("jdoe", "jdoe:pw@2".toCharArray()).isPresent());
        assertFalse(pswd.authenticateWithPassword("nobody", "x".toCharArray()).isPresent());
        assertFalse(pswd.authenticateWithPassword("*", StratusLabTree.JDOE_PASSWORD.toCharArray()).isPresent());
    }

    @Test
    public void thePasswordFileStillComesFirst() {
        requireSlapd();
        assertEquals(Set.of("cloud-access"), entry("stratuslab-pswd")
                .authenticateWithPassword("oneadmin", "ChangeMe2014".toCharArray()).orElseThrow().roles());
    }

    @Test
    public void certificateLoginMatchesSeeAlsoAsADn() {
        requireSlapd();
        JaasAuthenticator cert = entry("stratuslab-cert");
        // The directory holds "CN=John Doe, OU=LAL, O=CNRS, C=FR"; the identity is the RFC 2253 form.
        assertEquals(Optional.of(new AuthenticatedUser(StratusLabTree.JDOE_CERT_DN, Set.of("cloud-access", "operators"))),
                cert.authenticateWithCertificate(StratusLabTree.JDOE_CERT_DN, null));
        assertEquals(Set.of("cloud-access"),
                cert.authenticateWithCertificate(StratusLabTree.JANE_CERT_DN, null).orElseThrow().roles());
        assertFalse(cert.authenticateWithCertificate("CN=Nobody,O=CNRS,C=FR", null).isPresent());
    }

    @Test
    public void comparingTheStoredSshaPassword() throws Exception {
        requireSlapd();
        Path file = tmp.getRoot().toPath().resolve("compare.conf");
        LoginConfiguration compare = LoginConfiguration.load(TestFiles.write(file,
                "stratuslab-pswd {\n  org.eclipse.jetty.jaas.spi.LdapLoginModule sufficient\n"
                        + StratusLabTree.ldapOptions(slapd.port(), Slapd.ROOT_DN, Slapd.ROOT_PASSWORD, "uid",
                                "    forceBindingLogin=\"false\"\n") + ";\n};\n"));
        JaasAuthenticator pswd = new JaasAuthenticator(compare, "stratuslab-pswd", Duration.ZERO, 0);
        assertEquals(Set.of("cloud-access"),
                pswd.authenticateWithPassword("jane", StratusLabTree.JANE_PASSWORD.toCharArray()).orElseThrow().roles());
        assertFalse(pswd.authenticateWithPassword("jane", "Jane-pw".toCharArray()).isPresent());
    }
}
