package eu.stratuslab.authn;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.authn.jaas.CertFileLoginModule;
import eu.stratuslab.authn.jaas.LoginConfException;
import eu.stratuslab.authn.jaas.PasswordFileLoginModule;
import eu.stratuslab.authn.ldap.LdapCertLoginModule;
import eu.stratuslab.authn.ldap.LdapPasswordLoginModule;
import eu.stratuslab.authn.support.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class LoginConfigurationTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path write(String name, String text) throws Exception {
        return TestFiles.write(tmp.getRoot().toPath().resolve(name), text);
    }

    /** Loads a copy, in the temporary folder, of the test resource {@code name} beside this class. */
    private LoginConfiguration loadResource(String name) throws Exception {
        return LoginConfiguration.load(write(name, TestFiles.resource("/eu/stratuslab/authn/" + name)));
    }

    private static String[] moduleNames(LoginConfiguration config, String entry) {
        AppConfigurationEntry[] modules = config.jaas().getAppConfigurationEntry(entry);
        String[] names = new String[modules.length];
        for (int i = 0; i < modules.length; i++) {
            names[i] = modules[i].getLoginModuleName();
        }
        return names;
    }

    @Test
    public void everyOriginalClassNameIsAnAlias() throws Exception {
        LoginConfiguration config = loadResource("aliases-login.conf");
        assertArrayEquals(new String[] {PasswordFileLoginModule.class.getName(), PasswordFileLoginModule.class.getName(),
            LdapPasswordLoginModule.class.getName(), LdapPasswordLoginModule.class.getName()},
                moduleNames(config, "pswd"));
        assertArrayEquals(new String[] {CertFileLoginModule.class.getName(), LdapCertLoginModule.class.getName(),
            CertFileLoginModule.class.getName()}, moduleNames(config, "cert"));
        AppConfigurationEntry[] cert = config.jaas().getAppConfigurationEntry("cert");
        assertEquals(LoginModuleControlFlag.REQUISITE, cert[0].getControlFlag());
        assertEquals(LoginModuleControlFlag.OPTIONAL, cert[1].getControlFlag());
        assertEquals(LoginModuleControlFlag.REQUIRED, cert[2].getControlFlag());
    }

    @Test
    public void theOriginalFileParsesWithAllOptions() throws Exception {
        LoginConfiguration config = loadResource("original-login.conf");
        assertEquals(Set.of("stratuslab-cert", "stratuslab-pswd"), config.entryNames());
        AppConfigurationEntry ldap = config.jaas().getAppConfigurationEntry("stratuslab-pswd")[1];
        assertEquals(LoginModuleControlFlag.SUFFICIENT, ldap.getControlFlag());
        assertEquals("true", ldap.getOptions().get("forceBindingLogin"));
        assertEquals("uid=admin,ou=system", ldap.getOptions().get("bindDn"));
        assertEquals("groupOfUniqueNames", ldap.getOptions().get("roleObjectClass"));
        assertEquals("/etc/stratuslab/authn/login-pswd.properties",
                config.jaas().getAppConfigurationEntry("stratuslab-pswd")[0].getOptions().get("file"));
    }

    @Test
    public void theShippedReferenceFileParsesWithLdapCommentedOut() throws Exception {
        Path shipped = Path.of("..", "conf", "authn", "login.conf");
        LoginConfiguration config = LoginConfiguration.load(shipped);
        assertEquals(Set.of("stratuslab-cert", "stratuslab-pswd"), config.entryNames());
        assertArrayEquals(new String[] {PasswordFileLoginModule.class.getName()}, moduleNames(config, "stratuslab-pswd"));
        assertEquals(1, moduleNames(config, "stratuslab-cert").length);
    }

    /** What the file's header tells a site to do: remove the leading "//" of the LDAP lines. */
    @Test
    public void theShippedLdapModulesParseOnceUncommented() throws Exception {
        String shipped = Files.readString(Path.of("..", "conf", "authn", "login.conf"));
        String enabled = shipped.lines()
                .map(l -> l.matches("^//  (\\S.*|  .*)$") ? l.substring(2) : l) // the module lines, not the header
                .collect(java.util.stream.Collectors.joining("\n"));
        LoginConfiguration config = LoginConfiguration.load(write("login.conf", enabled));
        assertArrayEquals(new String[] {PasswordFileLoginModule.class.getName(), LdapPasswordLoginModule.class.getName()},
                moduleNames(config, "stratuslab-pswd"));
        assertEquals(2, moduleNames(config, "stratuslab-cert").length);
        AppConfigurationEntry ldap = config.jaas().getAppConfigurationEntry("stratuslab-pswd")[1];
        assertEquals("uid=admin,ou=system", ldap.getOptions().get("bindDn"));
    }

    @Test
    public void quattorLayoutCommentsAndQuotingVariants() throws Exception {
        LoginConfiguration config = loadResource("quattor-login.conf");
        AppConfigurationEntry module = config.jaas().getAppConfigurationEntry("stratuslab-pswd")[0];
        assertEquals(tmp.getRoot().toPath().toAbsolutePath().resolve("pswd.properties").normalize().toString(),
                module.getOptions().get("file"));
        assertEquals("true", module.getOptions().get("debug"));
        assertEquals("a\"b", module.getOptions().get("escaped"));
    }

    @Test
    public void systemPropertiesAreExpanded() throws Exception {
        LoginConfiguration config = LoginConfiguration.load(write("expand.conf",
                "e { eu.stratuslab.authn.CertLoginModule sufficient file=\"${java.io.tmpdir}${/}c.properties\"; };"));
        assertEquals(Path.of(System.getProperty("java.io.tmpdir"), "c.properties").normalize().toString(),
                config.jaas().getAppConfigurationEntry("e")[0].getOptions().get("file"));
    }

    @Test
    public void unknownEntryFallsBackToOtherOrNull() throws Exception {
        LoginConfiguration config = LoginConfiguration.load(write("other.conf",
                "a { eu.stratuslab.authn.CertLoginModule sufficient file=\"c\"; };"));
        assertNull(config.jaas().getAppConfigurationEntry("missing"));
        LoginConfiguration withOther = LoginConfiguration.load(write("other2.conf",
                "other { eu.stratuslab.authn.CertLoginModule sufficient file=\"c\"; };"));
        assertEquals(1, withOther.jaas().getAppConfigurationEntry("missing").length);
    }

    private LoginConfException error(String name, String text) throws Exception {
        Path file = write(name, text);
        LoginConfException e = assertThrows(LoginConfException.class, () -> LoginConfiguration.load(file));
        assertTrue(e.getMessage(), e.getMessage().startsWith(file.toAbsolutePath().normalize() + ":" + e.line() + ": "));
        return e;
    }

    @Test
    public void errorsNameTheFileAndLine() throws Exception {
        LoginConfException unknown = error("unknown.conf", "x {\n\n  com.example.FancyLoginModule sufficient;\n};\n");
        assertEquals(3, unknown.line());
        assertTrue(unknown.getMessage(), unknown.getMessage().contains("com.example.FancyLoginModule"));

        assertEquals(2, error("flag.conf", "x {\n  eu.stratuslab.authn.CertLoginModule mandatory file=\"c\";\n};").line());
        assertEquals(3, error("semicolon.conf",
                "x {\n  eu.stratuslab.authn.CertLoginModule sufficient file=\"c\"\n};").line());
        assertEquals(2, error("nofile.conf", "x {\n  eu.stratuslab.authn.CertLoginModule sufficient;\n};").line());
        assertEquals(1, error("unterminated.conf", "x { eu.stratuslab.authn.CertLoginModule sufficient file=\"c;\n};")
                .line());
        assertEquals(4, error("duplicate.conf", "x { eu.stratuslab.authn.CertLoginModule sufficient file=\"c\"; };\n\n\n"
                + "x { eu.stratuslab.authn.CertLoginModule sufficient file=\"c\"; };").line());
        assertEquals(2, error("port.conf", "x {\n org.eclipse.jetty.jaas.spi.LdapLoginModule sufficient port=\"ten\";\n};")
                .line());
        assertEquals(1, error("empty.conf", "x { };").line());
        assertEquals(1, error("undefined.conf",
                "x { eu.stratuslab.authn.CertLoginModule sufficient file=\"${no.such.property}\"; };").line());
    }

    @Test
    public void aMissingFileIsAnIoError() {
        assertThrows(java.nio.file.NoSuchFileException.class,
                () -> LoginConfiguration.load(tmp.getRoot().toPath().resolve("absent.conf")));
    }

    @Test
    public void reloadsWhenChangedAndKeepsThePreviousConfigurationOnError() throws Exception {
        Path file = write("reload.conf", "a { eu.stratuslab.authn.CertLoginModule sufficient file=\"c\"; };");
        LoginConfiguration config = LoginConfiguration.load(file);
        assertEquals(Set.of("a"), config.entryNames());
        TestFiles.edit(file, "b { eu.stratuslab.authn.CertLoginModule sufficient file=\"c\"; };");
        assertEquals(Set.of("b"), config.entryNames());
        TestFiles.edit(file, "c { broken");
        assertEquals(Set.of("b"), config.entryNames());
    }

    @Test
    public void severalConfigurationsCoexist() throws Exception {
        LoginConfiguration one = LoginConfiguration.load(write("one.conf",
                "e { eu.stratuslab.authn.CertLoginModule sufficient file=\"one\"; };"));
        LoginConfiguration two = LoginConfiguration.load(write("two.conf",
                "e { org.eclipse.jetty.jaas.spi.PropertyFileLoginModule sufficient file=\"two\"; };"));
        assertEquals(CertFileLoginModule.class.getName(), one.jaas().getAppConfigurationEntry("e")[0].getLoginModuleName());
        assertEquals(PasswordFileLoginModule.class.getName(),
                two.jaas().getAppConfigurationEntry("e")[0].getLoginModuleName());
    }

    /**
     * The files are looked at again only when something changed beside them (DirectoryWatch): the
     * same stamps while nothing changes, new ones at once after an edit, also when the credential
     * file is a symbolic link into another directory and the file it points to is edited.
     */
    @Test
    public void stampsAreLookedAtAgainOnlyAfterAChangeAndThenAtOnce() throws Exception {
        org.junit.Assume.assumeTrue("inotify is Linux only", com.sun.jna.Platform.isLinux());
        Path shared = tmp.newFolder("shared").toPath();
        Path target = TestFiles.write(shared.resolve("users.properties"), "alice=one,cloud-access\n");
        Path etc = tmp.newFolder("etc").toPath();
        Path link = Files.createSymbolicLink(etc.resolve("login-pswd.properties"), target);
        LoginConfiguration config = LoginConfiguration.load(TestFiles.write(etc.resolve("login.conf"),
                "stratuslab-pswd {\n  org.eclipse.jetty.jaas.spi.PropertyFileLoginModule sufficient file=\"" + link + "\";\n};\n"));
        java.util.List<?> first = config.stamp();
        assertSame("nothing changed: the stamps are not looked at again", first, config.stamp());
        TestFiles.edit(target, "alice=two,cloud-access\nbob=x,cloud-access\n");
        java.util.List<?> afterEdit = config.stamp();
        assertNotEquals("the edit of the linked file is seen at once", first, afterEdit);
        assertSame(afterEdit, config.stamp());
        TestFiles.edit(etc.resolve("login.conf"), "stratuslab-pswd {\n  org.eclipse.jetty.jaas.spi.PropertyFileLoginModule"
                + " required file=\"" + link + "\";\n};\n");
        assertNotEquals("an edit of login.conf is seen at once", afterEdit, config.stamp());
    }
}
