package eu.stratuslab.cli.vm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.cli.CliException;
import eu.stratuslab.cli.Main;
import eu.stratuslab.cli.TestContexts;
import eu.stratuslab.cli.UserHome;
import eu.stratuslab.template.Template;
import eu.stratuslab.template.TemplateParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/** stratus-run-instance options (legacy-cli.md §4.1, §5) turned into the template, without a cloud. */
public class RunInstanceOptionsTest {
    private static final String UUID = "8a1b2c3d-1111-2222-3333-444455556666";

    @Rule
    public final UserHome home = new UserHome();
    private Path key;

    @Before
    public void setUp() throws Exception {
        key = home.resolve("key.pub");
        Files.writeString(key, "Comment: \"rsa-key\"\nssh-rsa AAAAkey alice@example.org\n");
        home.writeConfig("[default]\n"
                + "pdisk_endpoint = https://cloud.example.com/pdisk\n"
                + "user_public_key_file = " + key + "\n"
                + "default_instance_type = my.tiny\n"
                + "default_context_method = one\n\n"
                + "[instance_types]\n"
                + "my.tiny = 1, 256, 0\n"
                + "bad.one = 0, 256, 0\n"
                + "bad.two = 1, 256\n");
    }

    private RunInstance parse(Map<String, String> env, String... args) throws CliException {
        return (RunInstance) Main.parse(TestContexts.argv("stratus-run-instance", args), home.context(env).ctx);
    }

    private Template template(String... args) throws Exception {
        RunInstance r = parse(Map.of(), args);
        return TemplateParser.parse(r.buildTemplate().render());
    }

    @Test
    public void listTypesStarsTheConfiguredDefaultAndDropsInvalidUserTypes() {
        TestContexts t = home.context(Map.of());
        assertEquals(0, Main.run(new String[] {"stratus-run-instance", "-l"}, t.ctx));
        assertEquals(" Type             CPU       RAM      SWAP\n"
                + "  c1.medium       2 CPU    1536 MB    1536 MB\n"
                + "  c1.xlarge       4 CPU    6144 MB    6144 MB\n"
                + "  m1.large        2 CPU    6144 MB    6144 MB\n"
                + "  m1.medium       1 CPU    3072 MB    3072 MB\n"
                + "  m1.small        1 CPU    1536 MB    1536 MB\n"
                + "  m1.xlarge       4 CPU    8192 MB    8192 MB\n"
                + "* my.tiny         1 CPU     256 MB       0 MB\n"
                + "  t1.micro        1 CPU     512 MB     512 MB\n", t.out());
    }

    @Test
    public void theConfiguredDefaultTypeIsHonouredAndAFlagOverridesIt() throws Exception {
        Template tiny = template(UUID);
        assertEquals("256", tiny.getString("MEMORY"));
        assertEquals(1, tiny.vectors("DISK").size()); // swap 0 omitted
        Template large = template("-t", "m1.large", UUID);
        assertEquals("6144", large.getString("MEMORY"));
        assertEquals("2", large.getString("VCPU"));
        assertEquals("hdb", large.vectors("DISK").get(1).get("TARGET"));
    }

    @Test
    public void aPdiskImageBootsFromThePdiskSourceAndTheKeyDropsCommentLines() throws Exception {
        Template t = template("--vm-cpu-amount", "0.5", "--ram", "128", UUID);
        assertEquals("pdisk:https://cloud.example.com/pdisk/" + UUID, t.vectors("DISK").get(0).get("SOURCE"));
        assertEquals("0.5", t.getString("CPU"));
        assertEquals("128", t.getString("MEMORY"));
        assertEquals("ssh-rsa AAAAkey alice@example.org\n", t.firstVector("CONTEXT").get("PUBLIC_KEY"));
    }

    @Test
    public void contextEntriesFromFileAndFlagAndCloudInit() throws Exception {
        Path ctxFile = home.resolve("ctx.txt");
        Files.writeString(ctxFile, "FOO=bar\nBAZ=qux quux\n");
        Path userData = home.resolve("ud.txt");
        Files.writeString(userData, "#cloud-config\npackages: [nginx]\n");
        Template t = template("--context", "A=1#B=two \"words\"", "--context-file", ctxFile.toString(),
                "--cloud-init", "cloud-config," + userData + "#ssh," + key, "--private-ip", UUID);
        var c = t.firstVector("CONTEXT");
        assertEquals("bar", c.get("FOO"));
        assertEquals("qux quux", c.get("BAZ"));
        assertEquals("1", c.get("A"));
        assertEquals("two \"words\"", c.get("B"));
        assertEquals("cloud-init", c.get("CONTEXT_METHOD"));
        assertEquals("Comment: \"rsa-key\"\nssh-rsa AAAAkey alice@example.org\n",
                new String(Base64.getDecoder().decode(c.get("CLOUD_INIT_AUTHORIZED_KEYS"))));
        byte[] gz = Base64.getDecoder().decode(c.get("CLOUD_INIT_USER_DATA"));
        String multipart = new String(new GZIPInputStream(new java.io.ByteArrayInputStream(gz)).readAllBytes());
        assertTrue(multipart, multipart.contains("Content-Type: text/cloud-config; charset=\"us-ascii\"\n"));
        assertTrue(multipart, multipart.contains("#cloud-config\npackages: [nginx]\n"));
        assertEquals("private", t.firstVector("NIC").get("NETWORK"));
    }

    @Test
    public void saveNeedsAllItsOptionsAndNamesTheVmAfterTheCreationTime() throws Exception {
        try {
            template("--save", "--author", "Alice", UUID);
            throw new AssertionError("accepted");
        } catch (CliException e) {
            assertEquals("--save needs --author-email", e.getMessage());
        }
        Template t = template("--save", "--author", "Alice A", "--author-email", "alice@example.org", "--image-version", "1.1",
                "--title", "My image", "--comment", "saved image", UUID);
        assertEquals("creator: 2014-06-12T10:11:12Z", t.getString("NAME"));
        assertEquals("Alice A", t.firstVector("CREATE_IMAGE").get("CREATOR_NAME"));
        assertEquals("yes", t.vectors("DISK").get(0).get("SAVE"));
    }

    @Test
    public void badInputIsRefusedWithAClearMessage() throws Exception {
        for (String[] bad : new String[][] {{"-t", "x1.huge", UUID}, {"--vm-cpu-amount", "2", UUID},
            {"--context", "no equals sign", UUID}, {"--vm-disks-bus", "usb", UUID}, {"-k", "/no/such/key", UUID}}) {
            try {
                template(bad);
                throw new AssertionError("accepted " + String.join(" ", bad));
            } catch (CliException e) {
                assertTrue(e.getMessage(), !e.getMessage().isEmpty());
            }
        }
        try {
            template("-t", "x1.huge", UUID);
        } catch (CliException e) {
            assertEquals("Unknown instance type: x1.huge", e.getMessage());
        }
    }
}
