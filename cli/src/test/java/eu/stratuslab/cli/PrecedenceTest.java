package eu.stratuslab.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/**
 * legacy-cli.md §2: flag &gt; environment variable &gt; configuration file &gt; built-in default; the
 * selected section overrides {@code [default]}; {@code -c} and {@code -S} choose file and section.
 */
public class PrecedenceTest {
    @Rule
    public final UserHome home = new UserHome();

    @Before
    public void writeConfig() throws Exception {
        home.writeConfig("[default]\n"
                + "endpoint = file-default.example.org\n"
                + "username = alice\n"
                + "password = \"quoted\"\n"
                + "pdisk_endpoint = https://pdisk.example.org/pdisk\n"
                + "selected_section = site\n\n"
                + "[site]\n"
                + "endpoint = https://site.example.org/one-proxy/xmlrpc\n\n"
                + "[other]\n"
                + "endpoint = other.example.org\n");
    }

    private CloudOptions cloud(Map<String, String> env, String... args) throws CliException {
        BaseCommand c = Main.parse(TestContexts.argv("stratus-describe-instance", args), home.context(env).ctx);
        return ((eu.stratuslab.cli.vm.DescribeInstance) c).cloudOptions();
    }

    @Test
    public void theSelectedSectionOverridesDefaultAndValuesStayLiteral() throws Exception {
        CloudOptions o = cloud(Map.of());
        assertEquals("https://site.example.org/one-proxy/xmlrpc", o.endpoint);
        assertEquals("alice", o.username);
        assertEquals("\"quoted\"", o.password);
    }

    @Test
    public void anEnvironmentVariableBeatsTheFileAndAFlagBeatsBoth() throws Exception {
        Map<String, String> env = Map.of("STRATUSLAB_ENDPOINT", "env.example.org", "STRATUSLAB_USERNAME", "bob");
        CloudOptions fromEnv = cloud(env);
        assertEquals("env.example.org", fromEnv.endpoint);
        assertEquals("bob", fromEnv.username);
        assertEquals("\"quoted\"", fromEnv.password);
        CloudOptions fromFlag = cloud(env, "--endpoint", "flag.example.org", "-u", "carol");
        assertEquals("flag.example.org", fromFlag.endpoint);
        assertEquals("carol", fromFlag.username);
    }

    @Test
    public void anEmptyVariableCountsAsUnset() throws Exception {
        assertEquals("https://site.example.org/one-proxy/xmlrpc", cloud(Map.of("STRATUSLAB_ENDPOINT", "")).endpoint);
    }

    @Test
    public void sectionsAreChosenByFlagThenVariableThenFile() throws Exception {
        assertEquals("other.example.org", cloud(Map.of(), "-S", "other").endpoint);
        assertEquals("other.example.org", cloud(Map.of("STRATUSLAB_USER_CONFIG_SECTION", "other")).endpoint);
        assertEquals("file-default.example.org",
                cloud(Map.of("STRATUSLAB_USER_CONFIG_SECTION", "other"), "--user-config-section", "default").endpoint);
    }

    @Test
    public void anUnknownSectionOrAMissingExplicitFileIsAnErrorAndAMissingDefaultFileIsNot() throws Exception {
        try {
            cloud(Map.of(), "-S", "nowhere");
            fail("unknown section accepted");
        } catch (CliException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("Section 'nowhere' not found"));
        }
        try {
            cloud(Map.of(), "-c", home.resolve("missing.cfg").toString());
            fail("missing file accepted");
        } catch (CliException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("missing.cfg does not exist"));
        }
        Files.delete(home.resolve(".stratuslab/stratuslab-user.cfg"));
        CloudOptions none = cloud(Map.of("STRATUSLAB_USERNAME", "dave"));
        assertNull(none.endpoint);
        assertEquals("dave", none.username);
    }

    @Test
    public void aFileWithoutDefaultSectionIsRefused() throws Exception {
        Path f = home.resolve("nodefault.cfg");
        Files.writeString(f, "[site]\nendpoint = x\n");
        try {
            cloud(Map.of(), "-c", f.toString());
            fail("accepted");
        } catch (CliException e) {
            assertTrue(e.getMessage(), e.getMessage().endsWith("has no [default] section"));
        }
    }

    @Test
    public void runReportsAMissingExplicitFileWithExit255() {
        TestContexts t = home.context(Map.of());
        int status = Main.run(new String[] {"stratus-describe-instance", "--config", "/nonexistent/x.cfg"}, t.ctx);
        assertEquals(255, status);
        assertEquals("Error: Configuration file /nonexistent/x.cfg does not exist\n", t.err());
    }

    @Test
    public void anUnknownCommandIsAUsageError() {
        TestContexts t = home.context(Map.of());
        assertEquals(2, Main.run(new String[] {"stratus-fly"}, t.ctx));
        assertTrue(t.err(), t.err().startsWith("unknown command: stratus-fly; commands: stratus-run-instance, "));
    }

    @Test
    public void pdiskCredentialsDefaultToTheCloudOnes() throws Exception {
        BaseCommand c = Main.parse(new String[] {"stratus-delete-volume", "-p", "pw", "x"}, home.context(Map.of()).ctx);
        PdiskOptions p = ((eu.stratuslab.cli.volume.DeleteVolume) c).pdiskOptions();
        CloudOptions cl = ((eu.stratuslab.cli.volume.DeleteVolume) c).cloudOptions();
        assertEquals("https://pdisk.example.org/pdisk/pswd", p.base(cl));
        assertNull(p.pdiskUsername);
        assertEquals("alice", cl.username);
    }
}
