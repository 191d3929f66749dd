package eu.stratuslab.authn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import eu.stratuslab.authn.support.InMemoryLdap;
import eu.stratuslab.authn.support.StratusLabTree;
import eu.stratuslab.authn.support.TestFiles;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The acceptance test: a site drops its existing login.conf (the file the original
 * shipped, authn.md §2, with password-file, certificate-file and LDAP entries), its
 * login-pswd.properties and its login-cert.properties into the configuration directory, and
 * every user logs in as before. Only the site-specific directory and LDAP port are substituted.
 */
public class OriginalLoginConfTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Rule
    public InMemoryLdap ldap = new InMemoryLdap();

    private JaasAuthenticator pswd;
    private JaasAuthenticator cert;

    @Before
    public void dropInTheSiteFiles() throws Exception {
        Path dir = tmp.getRoot().toPath();
        String original = TestFiles.resource("/eu/stratuslab/authn/original-login.conf");
        String site = original.replace("/etc/stratuslab/authn/", dir + "/")
                .replace("port=\"10389\"", "port=\"" + ldap.port() + "\"");
        TestFiles.write(dir.resolve("login-pswd.properties"), String.join("\n",
                "# username=password,cloud-access  -- 'cloud-access' is a required role",
                "oneadmin=ChangeMe2014,cloud-access",
                "pdisk=Xy7PLm2Qa9Rt,cloud-access",
                "alice=MD5:5f4dcc3b5aa765d61d8327deb882cf99,cloud-access",
                "bob=OBF:1v2j1uum1xtv1zej1zer1xtn1uvk1v1v,cloud-access,other",
                "legacy=CRYPT:Xy2PtsPf0839Y,cloud-access",
                ""));
        TestFiles.write(dir.resolve("login-cert.properties"), String.join("\n",
                "# \"<DN>\" roles",
                "\"CN=Jane Tester, OU=LAL, O=CNRS, C=FR\" cloud-access",
                "\"EMAILADDRESS=john@example.org, CN=John Smith, O=Example, C=EU\" cloud-access, other",
                ""));
        LoginConfiguration config = LoginConfiguration.load(TestFiles.write(dir.resolve("login.conf"), site));
        pswd = new JaasAuthenticator(config, "stratuslab-pswd");
        cert = new JaasAuthenticator(config, "stratuslab-cert");
    }

    @Test
    public void passwordFileUsers() {
        assertEquals(Optional.of(new AuthenticatedUser("oneadmin", Set.of("cloud-access"))),
                pswd.authenticateWithPassword("oneadmin", "ChangeMe2014".toCharArray()));
        assertEquals(Set.of("cloud-access"), pswd.authenticateWithPassword("pdisk", "Xy7PLm2Qa9Rt".toCharArray())
                .orElseThrow().roles());
        assertEquals(Set.of("cloud-access"), pswd.authenticateWithPassword("alice", "password".toCharArray())
                .orElseThrow().roles());
        assertEquals(Set.of("cloud-access", "other"), pswd.authenticateWithPassword("bob", "password".toCharArray())
                .orElseThrow().roles());
        assertEquals(Set.of("cloud-access"), pswd.authenticateWithPassword("legacy", "password".toCharArray())
                .orElseThrow().roles());
        assertFalse(pswd.authenticateWithPassword("alice", "Password".toCharArray()).isPresent());
    }

    @Test
    public void ldapPasswordUsersAfterTheFile() {
        assertEquals(Optional.of(new AuthenticatedUser("jdoe", Set.of("cloud-access", "operators"))),
                pswd.authenticateWithPassword("jdoe", StratusLabTree.JDOE_PASSWORD.toCharArray()));
        assertFalse(pswd.authenticateWithPassword("jdoe", "wrong".toCharArray()).isPresent());
    }

    @Test
    public void certificateFileUsers() {
        assertEquals(Optional.of(new AuthenticatedUser("CN=Jane Tester,OU=LAL,O=CNRS,C=FR", Set.of("cloud-access"))),
                cert.authenticateWithCertificate("CN=Jane Tester,OU=LAL,O=CNRS,C=FR", null));
        String john = "1.2.840.113549.1.9.1=#16106a6f686e406578616d706c652e6f7267,CN=John Smith,O=Example,C=EU";
        assertEquals(Set.of("cloud-access", "other"), cert.authenticateWithCertificate(john, null).orElseThrow().roles());
    }

    @Test
    public void ldapCertificateUsersAfterTheFile() {
        assertEquals(Optional.of(new AuthenticatedUser(StratusLabTree.JDOE_CERT_DN, Set.of("cloud-access", "operators"))),
                cert.authenticateWithCertificate(StratusLabTree.JDOE_CERT_DN, null));
        assertFalse(cert.authenticateWithCertificate("CN=Stranger,O=CNRS,C=FR", null).isPresent());
    }

    @Test
    public void passwordsDoNotWorkOnTheCertificateEntryNorDnsOnThePasswordEntry() {
        assertFalse(cert.authenticateWithCertificate("oneadmin", null).isPresent());
        assertFalse(cert.authenticateWithCertificate("jdoe", null).isPresent());
        assertFalse(pswd.authenticateWithPassword("CN=Jane Tester,OU=LAL,O=CNRS,C=FR", "x".toCharArray()).isPresent());
    }
}
