package eu.stratuslab.authn.ldap;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.authn.AuthenticatedUser;
import eu.stratuslab.authn.JaasAuthenticator;
import eu.stratuslab.authn.LoginConfiguration;
import eu.stratuslab.authn.support.InMemoryLdap;
import eu.stratuslab.authn.support.StratusLabTree;
import eu.stratuslab.authn.support.TestFiles;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Both LDAP modules against UnboundID's in-memory directory loaded with the StratusLab tree. */
public class LdapLoginModulesTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Rule
    public InMemoryLdap ldap = new InMemoryLdap();

    private LoginConfiguration config(int port, String bindPassword, String pswdExtra, String certExtra)
            throws Exception {
        Path file = tmp.getRoot().toPath().resolve("login-" + System.nanoTime() + ".conf");
        return LoginConfiguration.load(TestFiles.write(file, "stratuslab-pswd {\n"
                + "  org.eclipse.jetty.jaas.spi.LdapLoginModule sufficient\n"
                + StratusLabTree.ldapOptions(port, InMemoryLdap.BIND_DN, bindPassword, "uid", pswdExtra) + ";\n"
                + "};\n"
                + "stratuslab-cert {\n"
                + "  eu.stratuslab.authn.LdapCertLoginModule sufficient\n"
                + StratusLabTree.ldapOptions(port, InMemoryLdap.BIND_DN, bindPassword, "seeAlso", certExtra) + ";\n"
                + "  eu.stratuslab.authn.CertLoginModule sufficient file=\"fallback-cert.properties\";\n"
                + "};\n"));
    }

    private JaasAuthenticator pswd(LoginConfiguration config) {
        return new JaasAuthenticator(config, "stratuslab-pswd", Duration.ZERO, 0);
    }

    private JaasAuthenticator cert(LoginConfiguration config) {
        return new JaasAuthenticator(config, "stratuslab-cert", Duration.ZERO, 0);
    }

    private LoginConfiguration shipped() throws Exception {
        return config(ldap.port(), InMemoryLdap.BIND_PASSWORD, "    forceBindingLogin=\"true\"\n", "");
    }

    @Test
    public void passwordLoginBindsAsTheUserAndReadsGroups() throws Exception {
        JaasAuthenticator pswd = pswd(shipped());
        assertEquals(Optional.of(new AuthenticatedUser("jdoe", Set.of("cloud-access", "operators"))),
                pswd.authenticateWithPassword("jdoe", StratusLabTree.JDOE_PASSWORD.toCharArray()));
        assertEquals(Optional.of(new AuthenticatedUser("pending", Set.of("operators"))),
                pswd.authenticateWithPassword("pending", StratusLabTree.PENDING_PASSWORD.toCharArray()));
    }

    @Test
    public void wrongPasswordsUnknownUsersAndFilterInjectionAreDenied() throws Exception {
        JaasAuthenticator pswd = pswd(shipped());
        assertFalse(pswd.authenticateWithPassword("jdoe", "jdoe:pw@2".toCharArray()).isPresent());
        assertFalse(pswd.authenticateWithPassword("jdoe", StratusLabTree.JANE_PASSWORD.toCharArray()).isPresent());
        assertFalse(pswd.authenticateWithPassword("nobody", StratusLabTree.JDOE_PASSWORD.toCharArray()).isPresent());
        assertFalse(pswd.authenticateWithPassword("*", StratusLabTree.JDOE_PASSWORD.toCharArray()).isPresent());
        assertFalse(pswd.authenticateWithPassword("jdoe)(uid=*", StratusLabTree.JDOE_PASSWORD.toCharArray())
                .isPresent());
    }

    @Test
    public void anEmptyPasswordIsRefusedWithoutAnAnonymousBind() throws Exception {
        LoginContext context = new LoginContext("stratuslab-pswd", new Subject(), callbacks -> {
            for (var callback : callbacks) {
                if (callback instanceof NameCallback name) {
                    name.setName("jdoe");
                } else if (callback instanceof PasswordCallback password) {
                    password.setPassword(new char[0]);
                } else {
                    throw new UnsupportedCallbackException(callback);
                }
            }
        }, shipped().jaas());
        assertThrows(LoginException.class, context::login);
    }

    @Test
    public void comparingTheStoredPasswordWhenBindingIsNotForced() throws Exception {
        JaasAuthenticator pswd = pswd(config(ldap.port(), InMemoryLdap.BIND_PASSWORD,
                "    forceBindingLogin=\"false\"\n", ""));
        assertEquals(Set.of("cloud-access"),
                pswd.authenticateWithPassword("jane", StratusLabTree.JANE_PASSWORD.toCharArray()).orElseThrow().roles());
        assertFalse(pswd.authenticateWithPassword("jane", "jane-pW".toCharArray()).isPresent());
    }

    @Test
    public void certificateLoginFindsTheEntryBySeeAlso() throws Exception {
        JaasAuthenticator cert = cert(shipped());
        assertEquals(Optional.of(new AuthenticatedUser(StratusLabTree.JDOE_CERT_DN, Set.of("cloud-access", "operators"))),
                cert.authenticateWithCertificate(StratusLabTree.JDOE_CERT_DN, null));
        assertEquals(Set.of("cloud-access"),
                cert.authenticateWithCertificate(StratusLabTree.JANE_CERT_DN, null).orElseThrow().roles());
        assertEquals(Set.of("operators"),
                cert.authenticateWithCertificate(StratusLabTree.PENDING_CERT_DN, null).orElseThrow().roles());
    }

    @Test
    public void aNameThatIsNotADnIsAnOrdinaryDenial() throws Exception {
        TestFiles.write(tmp.getRoot().toPath().resolve("fallback-cert.properties"), "\"vo:atlas\" cloud-access\n");
        JaasAuthenticator cert = cert(shipped());
        assertEquals(Set.of("cloud-access"), cert.authenticateWithCertificate("vo:atlas", null).orElseThrow().roles());
        assertFalse(cert.authenticateWithCertificate("vo:cms", null).isPresent());
    }

    @Test
    public void certificateUserNotFoundPassesControlToTheNextModule() throws Exception {
        LoginConfiguration config = shipped();
        JaasAuthenticator cert = cert(config);
        assertFalse(cert.authenticateWithCertificate("CN=Someone Else,O=CNRS,C=FR", null).isPresent());
        TestFiles.write(tmp.getRoot().toPath().resolve("fallback-cert.properties"),
                "\"CN=Someone Else, O=CNRS, C=FR\" cloud-access\n");
        assertEquals(Set.of("cloud-access"),
                cert.authenticateWithCertificate("CN=Someone Else,O=CNRS,C=FR", null).orElseThrow().roles());
    }

    @Test
    public void aWrongServicePasswordIsADenial() throws Exception {
        LoginConfiguration config = config(ldap.port(), "not-the-secret", "    forceBindingLogin=\"true\"\n", "");
        assertFalse(pswd(config).authenticateWithPassword("jdoe", StratusLabTree.JDOE_PASSWORD.toCharArray())
                .isPresent());
        assertFalse(cert(config).authenticateWithCertificate(StratusLabTree.JDOE_CERT_DN, null).isPresent());
    }

    @Test(timeout = 30_000)
    public void aClosedPortIsAPromptDenial() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        LoginConfiguration config = config(port, InMemoryLdap.BIND_PASSWORD, "    connectTimeout=\"2000\"\n", "");
        assertFalse(pswd(config).authenticateWithPassword("jdoe", StratusLabTree.JDOE_PASSWORD.toCharArray())
                .isPresent());
    }

    @Test(timeout = 30_000)
    public void aDirectoryThatNeverAnswersIsADenialAfterTheResponseTimeout() throws Exception {
        // The kernel completes the TCP handshake (backlog) but nothing ever reads or answers.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String timeouts = "    connectTimeout=\"1000\"\n    responseTimeout=\"1000\"\n";
            LoginConfiguration config = config(silent.getLocalPort(), InMemoryLdap.BIND_PASSWORD,
                    "    forceBindingLogin=\"true\"\n" + timeouts, timeouts);
            assertFalse(pswd(config).authenticateWithPassword("jdoe", StratusLabTree.JDOE_PASSWORD.toCharArray())
                    .isPresent());
            assertFalse(cert(config).authenticateWithCertificate(StratusLabTree.JDOE_CERT_DN, null).isPresent());
        }
    }

    @Test
    public void passwordModulesNeverSucceedForCertificatesAndViceVersa() throws Exception {
        LoginConfiguration config = LoginConfiguration.load(TestFiles.write(tmp.getRoot().toPath().resolve("x.conf"),
                "stratuslab-pswd {\n  eu.stratuslab.authn.LdapCertLoginModule sufficient\n"
                        + StratusLabTree.ldapOptions(ldap.port(), InMemoryLdap.BIND_DN, InMemoryLdap.BIND_PASSWORD,
                                "uid", "") + ";\n};\n"
                        + "stratuslab-cert {\n  org.eclipse.jetty.jaas.spi.LdapLoginModule sufficient\n"
                        + StratusLabTree.ldapOptions(ldap.port(), InMemoryLdap.BIND_DN, InMemoryLdap.BIND_PASSWORD,
                                "seeAlso", "") + ";\n};\n"));
        // The certificate module finds uid=jdoe but must not accept a password login.
        assertFalse(pswd(config).authenticateWithPassword("jdoe", "anything".toCharArray()).isPresent());
        assertFalse(cert(config).authenticateWithCertificate(StratusLabTree.JDOE_CERT_DN, null).isPresent());
    }
}
