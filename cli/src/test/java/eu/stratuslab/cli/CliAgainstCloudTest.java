package eu.stratuslab.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.cloud.CloudHome;
import eu.stratuslab.cloud.CloudLauncher;
import eu.stratuslab.core.testsupport.Await;
import eu.stratuslab.marketplace.manifest.FetchResult;
import eu.stratuslab.marketplace.manifest.ManifestSigner;
import eu.stratuslab.marketplace.manifest.MarketplaceClient;
import eu.stratuslab.xmlrpc.XmlRpcClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The CLI against a real cloud as {@code ./stratuslab up} starts it (in-process, libvirt's
 * {@code test:///default} host): the demo user's configuration file names the one-proxy, pdisk and
 * the embedded marketplace by their URLs and trusts the cloud's self-signed certificate through
 * {@code ca_certificate}; every command runs through {@link Main#run} exactly as the wrapper scripts
 * run it, and is judged on its output and exit status.
 */
public class CliAgainstCloudTest {
    private static final String NODE = "cli-node";
    private static final TemporaryFolder TMP = new TemporaryFolder();
    static CloudLauncher cloud;
    static Path userHome;
    static String imageId;

    @BeforeClass
    public static void startCloud() throws Exception {
        TMP.create();
        Path home = TMP.newFolder("cloud").toPath();
        Files.createDirectories(home.resolve("etc/stratuslab"));
        Files.writeString(home.resolve("etc/stratuslab/cloud.cfg"),
                "rpc2.port = 0\nproxy.port = 0\npdisk.port = 0\nmarketplace.port = 0\nvm.monitoring_interval = 1\n"
                        + "host.name = " + NODE + "\nhost.monitoring_interval = 1\n");
        CloudHome cloudHome = new CloudHome(home);
        cloud = new CloudLauncher(cloudHome);
        cloud.start(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        // pdisk accepts a host name as mount node, not a libvirt URI such as the embedded default's
        // "test:///default": the node is named as on a real site and reached through LIBVIRT_URI
        String adminPassword = Files.readAllLines(home.resolve("credentials.txt")).stream()
                .filter(l -> l.startsWith("oneadmin:")).findFirst().orElseThrow().substring("oneadmin:".length());
        XmlRpcClient rpc2 = new XmlRpcClient(URI.create(cloud.endpoints().get("rpc2")));
        String session = "oneadmin:" + adminPassword;
        List<?> update = (List<?>) rpc2.call("one.host.update", session, 0, "LIBVIRT_URI = \"test:///default\"\n");
        assertEquals(update.toString(), Boolean.TRUE, update.get(0));
        Await.await("host " + NODE + " monitored through test:///default", Duration.ofSeconds(60), () -> {
            try {
                String host = (String) ((List<?>) rpc2.call("one.host.info", session, 0)).get(1);
                return host.contains("<STATE>2</STATE>");
            } catch (Exception e) {
                return false;
            }
        });
        imageId = Files.readAllLines(home.resolve("images.txt")).get(0).split(" ")[0];

        userHome = TMP.newFolder("alice-home").toPath();
        Path ca = userHome.resolve("cloud-ca.pem");
        Files.writeString(ca, ServerCertificates.pem(cloudHome.keyStore()));
        Path key = userHome.resolve("id_rsa.pub");
        Files.writeString(key, "Comment: dropped by the CLI\nssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7examplekey demo@example.org\n");
        Map<String, String> endpoints = cloud.endpoints();
        String proxy = endpoints.get("one-proxy").replace("/pswd/", "/").replace("127.0.0.1", "localhost");
        String pdisk = endpoints.get("pdisk").replace("127.0.0.1", "localhost");
        String demoPassword = Files.readAllLines(home.resolve("credentials.txt")).stream()
                .filter(l -> l.startsWith("demo:")).findFirst().orElseThrow().substring("demo:".length());
        TestContexts.writeUserConfig(userHome, "[default]\n"
                + "selected_section = local\n\n"
                + "[local]\n"
                + "endpoint = " + proxy + "\n"
                + "pdisk_endpoint = " + pdisk + "\n"
                + "marketplace_endpoint = " + endpoints.get("marketplace") + "\n"
                + "username = demo\n"
                + "password = " + demoPassword + "\n"
                + "ca_certificate = " + ca + "\n"
                + "user_public_key_file = " + key + "\n\n"
                + "[instance_types]\n"
                + "test.tiny = 1, 64, 0\n");
    }

    @AfterClass
    public static void stopCloud() throws Exception {
        if (cloud != null) {
            cloud.close();
        }
        TMP.delete();
    }

    record Run(int status, String out, String err) {
    }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext ctx = new CliContext(Map.of(), userHome, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), Clock.systemUTC());
        int status = Main.run(args, ctx);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run ok(String... args) {
        Run r = cli(args);
        assertEquals(String.join(" ", args) + " → " + r, 0, r.status());
        return r;
    }

    private static int runInstance(String... extra) {
        List<String> args = new ArrayList<>(List.of("stratus-run-instance", "-t", "test.tiny", "--vm-cpu-amount", "0.5"));
        args.addAll(List.of(extra));
        args.add(imageId);
        Run r = ok(args.toArray(String[]::new));
        Matcher m = Pattern.compile("\\A :: Starting 1 machine\n :: Machine 1 \\(vm ID: (\\d+)\\)\n\tPublic ip: (\\d+\\.\\d+\\.\\d+\\.\\d+)\n\\z")
                .matcher(r.out());
        assertTrue(r.out(), m.matches());
        return Integer.parseInt(m.group(1));
    }

    private static String describeRow(int id) {
        Run r = cli("stratus-describe-instance", "-n", Integer.toString(id));
        if (r.status() != 0) {
            return r.err();
        }
        String[] lines = r.out().split("\n");
        return lines.length > 1 ? lines[1] : r.out();
    }

    private static void awaitState(int id, String label) {
        Await.await("VM " + id + " " + label, Duration.ofSeconds(90),
                () -> describeRow(id).matches(id + " +" + Pattern.quote(label) + " .*"), () -> describeRow(id));
    }

    @Test
    public void runInstanceOfAMarketplaceImageReachesRunningAndDescribeShowsItInTheLegacyLayout() {
        int id = runInstance("--vm-name", "cli-vm");
        awaitState(id, "Running");

        Run all = ok("stratus-describe-instance", "-n");
        String[] lines = all.out().split("\n");
        assertEquals("id  state     vcpu memory    cpu% host/ip                 name", lines[0]);
        String row = List.of(lines).stream().filter(l -> l.startsWith(id + " ")).findFirst().orElseThrow();
        // columns start where the header's do: id 4, state 10, vcpu 5, memory 10, cpu% 5, host/ip 24
        Matcher m = Pattern.compile("(\\d+ *)(Running *)(1 *)(\\d+ *)(\\d+ *)(\\d+\\.\\d+\\.\\d+\\.\\d+ *)cli-vm").matcher(row);
        assertTrue(row, m.matches());
        assertEquals(row, 4, m.group(1).length());
        assertEquals(row, 10, m.group(2).length());
        assertEquals(row, 5, m.group(3).length());
        assertEquals(row, 10, m.group(4).length());
        assertEquals(row, 5, m.group(5).length());
        assertEquals(row, 24, m.group(6).length());

        Run flat = ok("stratus-describe-instance", "-vvv", Integer.toString(id));
        assertTrue(flat.out(), flat.out().contains("template_context_public_key = ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7examplekey demo@example.org\n"));
        assertTrue(flat.out(), flat.out().contains("template_disk_source = " + cloud.endpoints().get("marketplace") + "/metadata/" + imageId + "\n")
                || flat.out().contains("/metadata/" + imageId));
        assertTrue(flat.out(), flat.out().endsWith("state_summary = Running\n"));

        ok("stratus-kill-instance", Integer.toString(id));
        awaitState(id, "Done");
        Run mine = ok("stratus-describe-instance", "-n");
        assertTrue(mine.out(), mine.out().lines().noneMatch(l -> l.startsWith(id + " ")));
    }

    @Test
    public void shutdownInstanceTakesTheVmThroughItsEpilogToDone() {
        int id = runInstance("--vm-name", "to-shut-down");
        awaitState(id, "Running");
        ok("stratus-shutdown-instance", Integer.toString(id));
        awaitState(id, "Done");
    }

    @Test
    public void refusalsPrintTheServersMessageAndExit255() {
        Run kill = cli("stratus-kill-instance", "99999");
        assertEquals(kill.toString(), 255, kill.status());
        assertTrue(kill.err(), kill.err().startsWith("Error: [VirtualMachineAction]"));
        assertTrue(kill.err(), kill.err().contains("99999"));

        Run wrongPassword = cli("stratus-describe-instance", "-p", "not-the-password");
        assertEquals(wrongPassword.toString(), 255, wrongPassword.status());
        assertEquals("Error: Unauthorized\n", wrongPassword.err());

        Run unknownImage = cli("stratus-run-instance", "-t", "test.tiny", "AAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertEquals(unknownImage.toString(), 255, unknownImage.status());
        assertTrue(unknownImage.err(), unknownImage.err().startsWith("Error: image AAAAAAAAAAAAAAAAAAAAAAAAAAA is not available"));

        Run unknownType = cli("stratus-run-instance", "-t", "x9.huge", imageId);
        assertEquals("Error: Unknown instance type: x9.huge\n", unknownType.err());
    }

    @Test
    public void volumesAreCreatedDescribedAttachedDetachedAndDeleted() {
        Run created = ok("stratus-create-volume", "-s", "1", "-t", "cli data");
        Matcher m = Pattern.compile("\\ADISK ([0-9a-f-]{36})\n\\z").matcher(created.out());
        assertTrue(created.out(), m.matches());
        String uuid = m.group(1);

        Run described = ok("stratus-describe-volumes", uuid);
        assertTrue(described.out(), described.out().startsWith(":: DISK " + uuid + "\n"));
        assertTrue(described.out(), described.out().contains("\ttag: cli data\n"));
        assertTrue(described.out(), described.out().contains("\tsize: 1\n"));
        assertTrue(described.out(), described.out().contains("\towner: demo\n"));
        Run filtered = ok("stratus-describe-volumes", "-f", "tag:^no such tag$");
        assertTrue(filtered.out(), !filtered.out().contains(uuid));

        int id = runInstance("--vm-name", "with-volume");
        awaitState(id, "Running");
        Run attached = ok("stratus-attach-volume", "-i", Integer.toString(id), uuid);
        Matcher a = Pattern.compile("\\AATTACHED " + uuid + " in VM " + id + " on /dev/(vd[a-z])\n\\z").matcher(attached.out());
        assertTrue(attached.out(), a.matches());
        assertTrue(ok("stratus-describe-volumes", uuid).out(), ok("stratus-describe-volumes", uuid).out().contains("\tcount: 1\n"));

        Run inUse = cli("stratus-delete-volume", uuid);
        assertEquals(inUse.toString(), 255, inUse.status());
        assertTrue(inUse.err(), inUse.err().contains("409: Conflict. Error: disk (" + uuid + ") is in use and can't be deleted"));

        Run detached = ok("stratus-detach-volume", "-i", Integer.toString(id), uuid);
        assertEquals("DETACHED " + uuid + " from VM " + id + " on /dev/" + a.group(1) + "\n", detached.out());
        assertEquals("DELETED " + uuid + "\n", ok("stratus-delete-volume", uuid).out());
        assertTrue(ok("stratus-describe-volumes").out(), !ok("stratus-describe-volumes").out().contains(uuid));
        ok("stratus-kill-instance", Integer.toString(id));
    }

    @Test
    public void aPersistentDiskAndAVolatileDiskGetDistinctTargets() {
        String uuid = ok("stratus-create-volume", "-s", "1").out().substring("DISK ".length()).strip();
        int id = runInstance("--persistent-disk", uuid, "--volatile-disk", "1", "--vm-disks-bus", "virtio");
        awaitState(id, "Running");
        String flat = ok("stratus-describe-instance", "-vvv", Integer.toString(id)).out();
        assertTrue(flat, flat.contains("/" + uuid));
        ok("stratus-kill-instance", Integer.toString(id));
        awaitState(id, "Done");
        Await.await("volume " + uuid + " released", Duration.ofSeconds(60),
                () -> cli("stratus-describe-volumes", uuid).out().contains("\tcount: 0\n"));
        assertEquals("DELETED " + uuid + "\n", ok("stratus-delete-volume", uuid).out());
    }

    @Test
    public void anImageManifestIsBuiltSignedUploadedAndTheImageRunsByItsId() throws Exception {
        URI marketplace = URI.create(cloud.endpoints().get("marketplace"));
        FetchResult published = new MarketplaceClient().fetch(marketplace, imageId);
        String location = published.entries().get(0).locations().get(0);
        Path work = TMP.newFolder("publish").toPath();
        Path image = Files.copy(cloud.localImage(), work.resolve("my-image.img"));

        Run built = ok("stratus-build-metadata", image.toString(), "--location", location, "--endorser-email", "cli@example.org",
                "--title", "my image", "--comment", "built by the CLI test", "--os", "ttylinux", "--os-version", "9.7",
                "--disks-bus", "virtio", "--inbound-port", "22");
        // the same content as the published image: the identifier of its SHA-1 is the same id
        assertEquals(imageId + " " + image + ".xml\n", built.out());

        Path p12 = work.resolve("cli.p12");
        ManifestSigner.throwAwayCertificate("Cli Tester", "cli@example.org", 30).writePkcs12(p12, "p12-pw".toCharArray());
        ok("stratus-sign-metadata", image + ".xml", "--p12-cert", p12.toString(), "--p12-password", "p12-pw");
        ManifestSigner.verify(Files.readAllBytes(Path.of(image + ".xml")));

        Run uploaded = ok("stratus-upload-metadata", image + ".xml");
        assertTrue(uploaded.out(), uploaded.out().startsWith(marketplace + "/metadata/" + imageId + "/cli@example.org/"));
        List<String> endorsers = new MarketplaceClient().fetch(marketplace, imageId).entries().stream()
                .map(e -> e.endorserEmail().orElse("")).toList();
        assertTrue(endorsers.toString(), endorsers.contains("cli@example.org"));

        Run unsigned = cli("stratus-upload-metadata", image.toString());
        assertEquals(unsigned.toString(), 255, unsigned.status());

        int id = runInstance("--vm-name", "published");
        awaitState(id, "Running");
        ok("stratus-kill-instance", Integer.toString(id));
    }

    @Test
    public void aVmThatFailsShowsItsErrorWithVerbose() {
        Run started = ok("stratus-run-instance", "-t", "test.tiny", "--no-check-image-url", "BBBBBBBBBBBBBBBBBBBBBBBBBBB");
        Matcher m = Pattern.compile("vm ID: (\\d+)").matcher(started.out());
        assertTrue(started.out(), m.find());
        int id = Integer.parseInt(m.group(1));
        awaitState(id, "Failed");
        String[] lines = ok("stratus-describe-instance", "-v", "-n", Integer.toString(id)).out().split("\n");
        assertEquals(String.join("\n", lines), 3, lines.length);
        assertTrue(lines[1], lines[1].startsWith(id + " ") && lines[1].contains(" Failed "));
        assertTrue(lines[2], lines[2].startsWith("    ") && lines[2].contains("BBBBBBBBBBBBBBBBBBBBBBBBBBB"));
        assertEquals(2, ok("stratus-describe-instance", "-n", Integer.toString(id)).out().split("\n").length);
    }

    @Test
    public void killReadsIdsFromAFileAndConnectPrintsTheSshCommand() throws Exception {
        int first = runInstance("--vm-name", "from-file-1");
        int second = runInstance("--vm-name", "from-file-2");
        awaitState(first, "Running");
        String ip = describeRow(first).split(" +")[5];
        assertEquals("ssh -p 22 root@" + ip + "\n", ok("stratus-connect-instance", "--dry-run", Integer.toString(first)).out());
        Path ids = TMP.newFile("ids.txt").toPath();
        Files.writeString(ids, first + "\n\n" + second + "\n");
        ok("stratus-kill-instance", "-i", ids.toString());
        awaitState(first, "Done");
        awaitState(second, "Done");
    }

    @Test
    public void multiEndpointDescribeShowsEachCloudAndNamesTheOneThatFails() throws Exception {
        String cfg = Files.readString(userHome.resolve(".stratuslab/stratuslab-user.cfg"));
        String endpoint = line(cfg, "endpoint = ");
        String password = line(cfg, "password = ");
        String ca = line(cfg, "ca_certificate = ");
        Path multi = TMP.newFile("multi.cfg").toPath();
        Files.writeString(multi, "[default]\nca_certificate = " + ca + "\nendpoint_timeout = 5\nendpoints =\n"
                + "    " + endpoint + " demo " + password + "\n"
                + "    http://127.0.0.1:1/RPC2 demo x\n");
        Run r = cli("stratus-describe-instance", "-c", multi.toString(), "-m", "-n");
        assertEquals(r.toString(), 255, r.status());
        assertTrue(r.out(), r.out().startsWith(":: " + endpoint + "\nid  state     vcpu memory    cpu% host/ip                 name\n"));
        assertTrue(r.out(), r.out().endsWith(":: http://127.0.0.1:1/RPC2\n"));
        assertTrue(r.err(), r.err().startsWith("Error: http://127.0.0.1:1/RPC2: cannot reach http://127.0.0.1:1/pswd/RPC2"));
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length());
    }
}
