package eu.stratuslab.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.cli.config.UserConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** stratus-copy-config (legacy-cli.md §2) and the password prompt of §3.1 ({@code -u} without {@code -p}). */
public class CopyConfigAndPromptTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void copyConfigWritesTheReferenceFileOnceAndOverwritesOnlyWithForce() throws Exception {
        Path home = tmp.newFolder("home").toPath();
        TestContexts first = new TestContexts(home, Map.of());
        assertEquals(0, Main.run(new String[] {"stratus-copy-config"}, first.ctx));
        Path cfg = home.resolve(".stratuslab/stratuslab-user.cfg");
        assertTrue(Files.readString(cfg).contains("[default]"));
        UserConfig loaded = UserConfig.load(home, null, null);
        assertEquals("cloud.example.com", loaded.get("endpoint").orElseThrow());

        Files.writeString(cfg, "[default]\nendpoint = mine\n");
        TestContexts again = new TestContexts(home, Map.of());
        assertEquals(255, Main.run(new String[] {"stratus-copy-config"}, again.ctx));
        assertEquals("Error: " + cfg + " exists; use --force to overwrite it\n", again.err());
        assertEquals("[default]\nendpoint = mine\n", Files.readString(cfg));

        assertEquals(0, Main.run(new String[] {"stratus-copy-config", "--force"}, new TestContexts(home, Map.of()).ctx));
        assertTrue(Files.readString(cfg).contains("endpoint = cloud.example.com"));
    }

    @Test
    public void aUserNameWithoutPasswordPromptsForIt() throws Exception {
        Path home = tmp.newFolder("prompt").toPath();
        TestContexts t = new TestContexts(home, Map.of(), "s3cr:et@\n");
        BaseCommand c = Main.parse(new String[] {"stratus-describe-instance", "-u", "alice"}, t.ctx);
        CloudOptions cloud = ((eu.stratuslab.cli.vm.DescribeInstance) c).cloudOptions();
        cloud.resolvePassword(t.ctx);
        assertEquals("s3cr:et@", cloud.password);
        assertEquals("Password: ", t.err());
    }
}
