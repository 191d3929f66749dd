package eu.stratuslab.authn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.authn.support.TestFiles;
import eu.stratuslab.infra.testsupport.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class JaasAuthenticatorTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path dir;
    private Path passwords;
    private Path certificates;
    private LoginConfiguration config;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Before
    public void setUp() throws Exception {
        dir = tmp.getRoot().toPath();
        passwords = TestFiles.write(dir.resolve("login-pswd.properties"), String.join("\n",
                "oneadmin=ChangeMe2014,cloud-access",
                "carol=$2y$04$CCCCCCCCCCCCCCCCCCCCC.FXJHjF.8tyWAsIeGLxC7hC/nyX4QxgC,cloud-access,admin",
                "norole=pw",
                "CN\\=Jane\\ Tester,OU\\=LAL,O\\=CNRS,C\\=FR=pw,cloud-access",
                ""));
        certificates = TestFiles.write(dir.resolve("login-cert.properties"),
                "\"CN=Jane Tester, OU=LAL, O=CNRS, C=FR\" cloud-access\n\"alice\" cloud-access\n");
        config = LoginConfiguration.load(TestFiles.write(dir.resolve("login.conf"), String.join("\n",
                "stratuslab-cert {",
                "  eu.stratuslab.authn.CertLoginModule sufficient file=\"login-cert.properties\";",
                "  // a password module in the certificate entry must never succeed",
                "  org.eclipse.jetty.jaas.spi.PropertyFileLoginModule sufficient file=\"login-pswd.properties\";",
                "};",
                "stratuslab-pswd {",
                "  org.eclipse.jetty.jaas.spi.PropertyFileLoginModule sufficient file=\"login-pswd.properties\";",
                "  // a certificate module in the password entry must never succeed",
                "  eu.stratuslab.authn.CertLoginModule sufficient file=\"login-cert.properties\";",
                "};",
                "strict {",
                "  eu.stratuslab.authn.CertLoginModule required file=\"login-cert.properties\";",
                "  eu.stratuslab.authn.CertLoginModule optional file=\"other-cert.properties\";",
                "};",
                "")));
        TestFiles.write(dir.resolve("other-cert.properties"), "\"CN=Bob, O=X\" cloud-access\n");
    }

    private JaasAuthenticator authenticator(String entry) {
        return new JaasAuthenticator(config, entry, Duration.ofSeconds(60), 10_000, clock);
    }

    @Test
    public void passwordLoginGivesIdentityAndRoles() {
        JaasAuthenticator pswd = authenticator("stratuslab-pswd");
        assertEquals(Optional.of(new AuthenticatedUser("oneadmin", Set.of("cloud-access"))),
                pswd.authenticateWithPassword("oneadmin", "ChangeMe2014".toCharArray()));
        assertEquals(Optional.of(new AuthenticatedUser("carol", Set.of("cloud-access", "admin"))),
                pswd.authenticateWithPassword("carol", "password".toCharArray()));
        assertEquals(Optional.of(new AuthenticatedUser("norole", Set.of())),
                pswd.authenticateWithPassword("norole", "pw".toCharArray()));
    }

    @Test
    public void wrongUnknownOrEmptyPasswordsAreDenied() {
        JaasAuthenticator pswd = authenticator("stratuslab-pswd");
        assertFalse(pswd.authenticateWithPassword("oneadmin", "changeme2014".toCharArray()).isPresent());
        assertFalse(pswd.authenticateWithPassword("nobody", "ChangeMe2014".toCharArray()).isPresent());
        assertFalse(pswd.authenticateWithPassword("oneadmin", new char[0]).isPresent());
        assertFalse(pswd.authenticateWithPassword("", "x".toCharArray()).isPresent());
        assertFalse(pswd.authenticateWithPassword(null, null).isPresent());
    }

    @Test
    public void certificateLoginGivesTheDnAsIdentity() {
        JaasAuthenticator cert = authenticator("stratuslab-cert");
        assertEquals(Optional.of(new AuthenticatedUser("CN=Jane Tester,OU=LAL,O=CNRS,C=FR", Set.of("cloud-access"))),
                cert.authenticateWithCertificate("CN=Jane Tester,OU=LAL,O=CNRS,C=FR", null));
        assertFalse(cert.authenticateWithCertificate("CN=Someone Else,O=CNRS,C=FR", null).isPresent());
        assertFalse(cert.authenticateWithCertificate("", null).isPresent());
    }

    @Test
    public void modulesNeverSucceedInTheOtherKindOfEntry() {
        // "alice" is listed in the certificate file; as a password user she must not get in with any password.
        assertFalse(authenticator("stratuslab-pswd").authenticateWithPassword("alice", "anything".toCharArray())
                .isPresent());
        // The password file has a user whose name is Jane's DN; without a password it must not match.
        assertFalse(authenticator("stratuslab-cert").authenticateWithCertificate("oneadmin", null).isPresent());
        assertTrue(authenticator("stratuslab-pswd")
                .authenticateWithPassword("CN=Jane Tester,OU=LAL,O=CNRS,C=FR", "pw".toCharArray()).isPresent());
        assertFalse(authenticator("stratuslab-pswd")
                .authenticateWithPassword("CN=Jane Tester,OU=LAL,O=CNRS,C=FR", "wrong".toCharArray()).isPresent());
    }

    @Test
    public void requiredModulesMustSucceed() {
        JaasAuthenticator strict = authenticator("strict");
        assertTrue(strict.authenticateWithCertificate("CN=Jane Tester,OU=LAL,O=CNRS,C=FR", null).isPresent());
        // Accepted by the optional module only: the required one fails, so the login fails.
        assertFalse(strict.authenticateWithCertificate("CN=Bob,O=X", null).isPresent());
    }

    @Test
    public void unknownEntryIsRejectedAtConstruction() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JaasAuthenticator(config, "stratuslab-nope"));
        assertTrue(e.getMessage(), e.getMessage().contains("stratuslab-nope"));
    }

    @Test
    public void successesAreCachedUntilTheyExpire() {
        JaasAuthenticator pswd = authenticator("stratuslab-pswd");
        assertTrue(pswd.authenticateWithPassword("carol", "password".toCharArray()).isPresent());
        assertEquals(1, pswd.loginsRun());
        assertTrue(pswd.authenticateWithPassword("carol", "password".toCharArray()).isPresent());
        assertEquals("second check answered from the cache", 1, pswd.loginsRun());
        clock.advance(Duration.ofSeconds(59));
        assertTrue(pswd.authenticateWithPassword("carol", "password".toCharArray()).isPresent());
        assertEquals(1, pswd.loginsRun());
        clock.advance(Duration.ofSeconds(2));
        assertTrue(pswd.authenticateWithPassword("carol", "password".toCharArray()).isPresent());
        assertEquals("expired entry verified again", 2, pswd.loginsRun());
    }

    @Test
    public void theCacheNeverAcceptsAnotherPassword() {
        JaasAuthenticator pswd = authenticator("stratuslab-pswd");
        assertTrue(pswd.authenticateWithPassword("carol", "password".toCharArray()).isPresent());
        assertFalse(pswd.authenticateWithPassword("carol", "passwore".toCharArray()).isPresent());
        assertFalse(pswd.authenticateWithPassword("oneadmin", "password".toCharArray()).isPresent());
    }

    @Test
    public void failuresAreNotCached() {
        JaasAuthenticator pswd = authenticator("stratuslab-pswd");
        assertFalse(pswd.authenticateWithPassword("carol", "wrong".toCharArray()).isPresent());
        assertFalse(pswd.authenticateWithPassword("carol", "wrong".toCharArray()).isPresent());
        assertEquals(2, pswd.loginsRun());
    }

    @Test
    public void changingThePasswordFileInvalidatesTheCache() throws Exception {
        JaasAuthenticator pswd = authenticator("stratuslab-pswd");
        assertTrue(pswd.authenticateWithPassword("oneadmin", "ChangeMe2014".toCharArray()).isPresent());
        TestFiles.edit(passwords, "oneadmin=NewPassword,cloud-access\n");
        assertFalse("old password must stop working at once",
                pswd.authenticateWithPassword("oneadmin", "ChangeMe2014".toCharArray()).isPresent());
        assertTrue(pswd.authenticateWithPassword("oneadmin", "NewPassword".toCharArray()).isPresent());
    }

    @Test
    public void changingTheCertificateFileOrLoginConfInvalidatesTheCache() throws Exception {
        JaasAuthenticator cert = authenticator("stratuslab-cert");
        String jane = "CN=Jane Tester,OU=LAL,O=CNRS,C=FR";
        assertTrue(cert.authenticateWithCertificate(jane, null).isPresent());
        TestFiles.edit(certificates, "\"CN=Jane Tester, OU=LAL, O=CNRS, C=FR\" demoted\n");
        assertEquals(Set.of("demoted"), cert.authenticateWithCertificate(jane, null).orElseThrow().roles());
        long runs = cert.loginsRun();
        TestFiles.edit(dir.resolve("login.conf"), String.join("\n",
                "stratuslab-cert {",
                "  eu.stratuslab.authn.CertLoginModule sufficient file=\"other-cert.properties\";",
                "};"));
        assertFalse(cert.authenticateWithCertificate(jane, null).isPresent());
        assertEquals(runs + 1, cert.loginsRun());
        assertTrue(cert.authenticateWithCertificate("CN=Bob,O=X", null).isPresent());
    }

    @Test
    public void theCacheIsBounded() {
        JaasAuthenticator pswd = new JaasAuthenticator(config, "stratuslab-pswd", Duration.ofSeconds(60), 1, clock);
        pswd.authenticateWithPassword("oneadmin", "ChangeMe2014".toCharArray());
        pswd.authenticateWithPassword("norole", "pw".toCharArray());
        pswd.authenticateWithPassword("oneadmin", "ChangeMe2014".toCharArray());
        assertEquals("the oldest entry was evicted", 3, pswd.loginsRun());
        pswd.authenticateWithPassword("oneadmin", "ChangeMe2014".toCharArray());
        assertEquals(3, pswd.loginsRun());
    }

    @Test
    public void aZeroMaxAgeDisablesTheCache() {
        JaasAuthenticator pswd = new JaasAuthenticator(config, "stratuslab-pswd", Duration.ZERO, 10);
        pswd.authenticateWithPassword("oneadmin", "ChangeMe2014".toCharArray());
        pswd.authenticateWithPassword("oneadmin", "ChangeMe2014".toCharArray());
        assertEquals(2, pswd.loginsRun());
    }

    @Test
    public void concurrentCallersGetConsistentAnswers() throws Exception {
        JaasAuthenticator pswd = new JaasAuthenticator(config, "stratuslab-pswd", Duration.ofSeconds(60), 3);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                boolean good = i % 3 != 0;
                String user = i % 2 == 0 ? "oneadmin" : "norole";
                String password = user.equals("oneadmin") ? "ChangeMe2014" : "pw";
                results.add(pool.submit(() -> pswd.authenticateWithPassword(user,
                        (good ? password : password + "x").toCharArray()).isPresent() == good));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void cacheKeysDoNotContainThePassword() {
        CredentialCache cache = new CredentialCache(Duration.ofSeconds(1), 1, clock);
        String key = cache.passwordKey("alice", "SuperSecret".toCharArray());
        assertFalse(key, key.contains("SuperSecret"));
        assertTrue(key, key.endsWith(":alice"));
        assertEquals(key, cache.passwordKey("alice", "SuperSecret".toCharArray()));
        assertFalse(key.equals(new CredentialCache(Duration.ofSeconds(1), 1, clock)
                .passwordKey("alice", "SuperSecret".toCharArray())));
    }
}
