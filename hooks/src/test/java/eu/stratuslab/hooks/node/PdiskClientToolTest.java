package eu.stratuslab.hooks.node;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import eu.stratuslab.hooks.pdisk.PdiskClient;
import eu.stratuslab.infra.exec.ProcessCommandRunner;
import eu.stratuslab.pdisk.PdiskConfig;
import eu.stratuslab.pdisk.PdiskServer;
import eu.stratuslab.pdisk.support.PdiskFixture;
import eu.stratuslab.pdisk.support.RecordingCommandRunner;
import eu.stratuslab.pdisk.support.TestAuthLayer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The node tool (pdisk-api.md §11.1) against a real pdisk (HTTPS with a self-signed certificate, file
 * backend, H2) on 127.0.0.1: register/attach/mark/link up and down, the single-attach check, rollback,
 * unknown volume, wrong credentials, usage errors; in-process and through the shell launcher.
 */
public class PdiskClientToolTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path dir;
    private PdiskServer server;
    private PdiskClient superuser;
    private Path vmDir;
    private Map<String, String> env;
    private String uuid;
    private String uri;

    @Before
    public void start() throws Exception {
        dir = tmp.getRoot().toPath();
        PdiskConfig cfg = PdiskFixture.httpsConfig(dir, Files.createDirectories(dir.resolve("ca")));
        server = new PdiskServer(cfg, null, new TestAuthLayer(), new ProcessCommandRunner(), new RecordingCommandRunner());
        server.start();
        superuser = new PdiskClient(server.endpoint(), "pdisk", TestAuthLayer.USERS.get("pdisk").toCharArray(),
                PdiskClientTool.trustAnyCertificate(), Duration.ofSeconds(30), Duration.ofSeconds(60));
        vmDir = dir.resolve("one");
        Path conf = dir.resolve("pdisk-host.conf");
        Files.writeString(conf, "[main]\npdisk_user = pdisk\npdisk_passwd = " + TestAuthLayer.USERS.get("pdisk")
                + "\nregister_filename = pdisk\nvm_dir = " + vmDir + "\nvolume_mgmt_dir = " + dir.resolve("mgmt") + "\n");
        env = Map.of(PdiskClientTool.CONFIG_ENV, conf.toString());
        uuid = superuser.create(Map.of("size", "1", "tag", "node-tool"));
        // the form the pdisk server itself passes (§11.3, §11.4): pdisk://<host:port>/<service path>/<uuid>
        uri = "pdisk://127.0.0.1:" + server.endpoint().getPort() + "/pdisk/" + uuid;
    }

    @After
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private record Run(int status, String err) {
    }

    private Run tool(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = PdiskClientTool.run(args, env, new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, err.toString(StandardCharsets.UTF_8));
    }

    private String turl() throws Exception {
        return superuser.turl(uuid);
    }

    private String[] hookArgs(String op, int vmId, String turl) {
        // hooks.md §3.2 step 8 / §4.1
        return new String[] {"--pdisk-id", uri, "--vm-dir", vmDir.toString(), "--vm-id", Integer.toString(vmId),
            "--vm-disk-name", "disk.0", "--turl", turl, "--register", "--mark", "--attach", "--link", "--op", op};
    }

    private List<String> mountIds() throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode m : superuser.mounts(uuid)) {
            out.add(m.get("vmId").asText() + ":" + m.get("device").asText());
        }
        return out;
    }

    @Test
    public void upRegistersMarksAndLinksThenDownUndoesAll() throws Exception {
        String turl = turl();
        assertTrue(turl, turl.startsWith("file://"));
        Run up = tool(hookArgs("up", 7, turl));
        assertEquals(up.err, 0, up.status);
        assertTrue(up.err, up.err.contains("Checking for existing mount...\nRegistering mount with pdisk service...\n"
                + "Attaching disk to hypervisor...\nMarking pdisk in volume list file...\nLinking disk for virtual machine...\n"
                + "Created link: " + vmDir.resolve("7/images/disk.0")));
        assertEquals(List.of("7:static"), mountIds());
        assertEquals(1, superuser.find(uuid).count());
        Path link = vmDir.resolve("7/images/disk.0");
        assertEquals(dir.resolve("volumes").resolve(uuid).toRealPath(), link.toRealPath());
        assertEquals(List.of(uri), Files.readAllLines(vmDir.resolve("7/pdisk")));
        assertEquals(List.of(uri), listRegistered("7").lines().toList());

        Run down = tool(hookArgs("down", 7, turl));
        assertEquals(down.err, 0, down.status);
        assertEquals(List.of(), mountIds());
        assertEquals(0, superuser.find(uuid).count());
        assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals(List.of(), Files.readAllLines(vmDir.resolve("7/pdisk")));
        assertTrue(Files.exists(dir.resolve("volumes").resolve(uuid)));
    }

    @Test
    public void aVolumeMountedElsewhereIsRefusedByTheCheckAndNothingIsLeft() throws Exception {
        String turl = turl();
        assertEquals(0, tool(hookArgs("up", 7, turl)).status);
        Run second = tool(hookArgs("up", 8, turl));
        assertEquals(1, second.status);
        assertTrue(second.err, second.err.strip().endsWith("\nvolume already mounted"));
        assertEquals(List.of("7:static"), mountIds());
        assertFalse(Files.exists(vmDir.resolve("8/pdisk")));
        // without the check pdisk's own single-attach rule answers, and the tool passes its text on
        List<String> noCheck = new ArrayList<>(List.of(hookArgs("up", 8, turl)));
        noCheck.add("--no-check");
        Run refused = tool(noCheck.toArray(String[]::new));
        assertEquals(1, refused.status);
        assertTrue(refused.err, refused.err.strip().endsWith("\nvolume already mounted"));
        assertFalse(refused.err, refused.err.contains("Checking for existing mount"));
        assertEquals(List.of("7:static"), mountIds());
    }

    @Test
    public void aFailedAttachUndoesTheRegistration() throws Exception {
        Path missing = dir.resolve("nowhere").resolve(uuid);
        Run up = tool(hookArgs("up", 9, "file://" + missing));
        assertEquals(1, up.status);
        assertTrue(up.err, up.err.strip().endsWith("volume file " + missing + " does not exist on this node"));
        assertEquals(List.of(), mountIds());
        assertFalse(Files.exists(vmDir.resolve("9/pdisk")));
        assertFalse(Files.exists(vmDir.resolve("9/images/disk.0"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    public void anUnknownVolumeFailsWithPdisksMessage() throws Exception {
        String unknown = UUID.randomUUID().toString();
        String[] args = hookArgs("up", 7, turl());
        args[1] = "pdisk://127.0.0.1:" + server.endpoint().getPort() + "/pdisk/" + unknown;
        Run up = tool(args);
        assertEquals(1, up.status);
        assertTrue(up.err, up.err.strip().endsWith("\nUnknown disk: " + unknown));
        assertFalse(Files.exists(vmDir.resolve("7/pdisk")));
    }

    @Test
    public void wrongCredentialsFailWithoutTouchingAnything() throws Exception {
        List<String> args = new ArrayList<>(List.of(hookArgs("up", 7, turl())));
        args.addAll(List.of("--username", "pdisk", "--password", "not-the-password"));
        Run up = tool(args.toArray(String[]::new));
        assertEquals(1, up.status);
        assertTrue(up.err, up.err.strip().endsWith("\npdisk refused the credentials of pdisk (HTTP 401)"));
        assertFalse(up.err, up.err.contains("not-the-password"));
        assertEquals(List.of(), mountIds());
        assertFalse(Files.exists(vmDir.resolve("7/pdisk")));
    }

    @Test
    public void usageErrorsExitWithStatusTwoLikeOptparse() {
        Map<String[], String> cases = new HashMap<>();
        cases.put(new String[] {"--pdisk-id", "pdisk:h:1:u"}, "--op option is mandatory");
        cases.put(new String[] {"--op", "sideways", "--pdisk-id", "pdisk:h:1:u"}, "--op option only accepts 'up' or 'down'");
        cases.put(new String[] {"--op", "up"}, "--pdisk-id option is mandatory");
        cases.put(new String[] {"--op", "up", "--pdisk-id", "pdisk:h:1:u", "--register"}, "--register option needs --vm-id options");
        cases.put(new String[] {"--op", "up", "--pdisk-id", "pdisk:h:1:u", "--mount", "--vm-id", "3"},
                "--mount option needs --target and --vm-id options");
        cases.put(new String[] {"--op", "up", "--pdisk-id", "pdisk:h:1:u", "--frobnicate"}, "no such option: --frobnicate");
        cases.put(new String[] {"--op", "up", "--pdisk-id"}, "--pdisk-id option requires an argument");
        cases.forEach((args, reason) -> {
            Run r = tool(args);
            assertEquals(String.join(" ", args), 2, r.status);
            assertTrue(r.err, r.err.startsWith("usage: stratus-pdisk-client.py "));
            assertTrue(r.err, r.err.strip().endsWith("stratus-pdisk-client.py: error: " + reason));
        });
    }

    @Test
    public void listRegisteredVolumesPrintsUniqueLinesInOrder() throws Exception {
        Files.createDirectories(vmDir.resolve("12"));
        Files.writeString(vmDir.resolve("12/pdisk"), "pdisk:a:1:root\n\n  pdisk:a:1:data \npdisk:a:1:root\n");
        assertEquals("pdisk:a:1:root\npdisk:a:1:data\n", listRegistered("12"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, ListRegisteredVolumesTool.run(new String[0], env, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("error: --vm-id option is mandatory"));
    }

    private String listRegistered(String vmId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ListRegisteredVolumesTool.run(new String[] {"--vm-id", vmId}, env,
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, status);
        return out.toString(StandardCharsets.UTF_8);
    }

    private record Launched(int status, String out, String err) {
    }

    /** The launcher script as packaging installs it, on the test's own class path. */
    @Test
    public void theShellLauncherRunsTheToolWithItsExitStatus() throws Exception {
        Path script = Path.of("src/main/scripts/stratus-pdisk-client.py").toAbsolutePath();
        String turl = turl();
        Launched up = launcher(script, hookArgs("up", 21, turl));
        assertEquals(up.err, 0, up.status);
        assertEquals(List.of("21:static"), mountIds());
        Path lister = Path.of("src/main/scripts/stratus-list-registered-volumes.py").toAbsolutePath();
        Launched list = launcher(lister, "--vm-id", "21", "--vm-dir", vmDir.toString());
        assertEquals(list.err, 0, list.status);
        assertEquals(uri + "\n", list.out);
        Launched again = launcher(script, hookArgs("up", 22, turl));
        assertEquals(1, again.status);
        assertTrue(again.err, again.err.strip().endsWith("volume already mounted"));
        Launched down = launcher(script, hookArgs("down", 21, turl));
        assertEquals(down.err, 0, down.status);
        assertEquals(List.of(), mountIds());
        Launched usage = launcher(script, "--pdisk-id", uri);
        assertEquals(2, usage.status);
        assertTrue(usage.err, usage.err.strip().endsWith("stratus-pdisk-client.py: error: --op option is mandatory"));
    }

    private Launched launcher(Path script, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("sh", script.toString()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put("STRATUSLAB_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the launcher did not finish within 120 s");
        }
        return new Launched(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
