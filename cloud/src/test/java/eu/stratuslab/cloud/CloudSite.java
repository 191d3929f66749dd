package eu.stratuslab.cloud;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import eu.stratuslab.pdisk.support.TgtDaemon;
import eu.stratuslab.xmlrpc.XmlRpcClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.TestRule;
import org.junit.runner.Description;
import org.junit.runners.model.MultipleFailureException;
import org.junit.runners.model.Statement;

/**
 * The scratch site of an acceptance test: a temporary folder for cloud homes and other files, and
 * the clouds, servers and daemons the test starts there. Everything handed to {@link #closeAtEnd}
 * is closed after the test, in reverse order and all of it even when one close fails, before the
 * folder is deleted (a cloud still writing into its home would otherwise race the deletion).
 */
final class CloudSite implements TestRule {
    /** Every listener on an ephemeral port, so that tests never collide with each other or a real cloud. */
    static final String EPHEMERAL_PORTS = "rpc2.port = 0\nproxy.port = 0\npdisk.port = 0\nmarketplace.port = 0\n";
    /** The network every demo VM is on. */
    static final String PUBLIC_NIC = "NIC = [ NETWORK = \"public\", NETWORK_UNAME = \"oneadmin\" ]\n";

    private final TemporaryFolder tmp = new TemporaryFolder();
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    @Override
    public Statement apply(Statement base, Description description) {
        return tmp.apply(new Statement() {
            @Override
            public void evaluate() throws Throwable {
                List<Throwable> errors = new ArrayList<>();
                try {
                    base.evaluate();
                } catch (Throwable t) {
                    errors.add(t);
                }
                try {
                    closeAll();
                } catch (Throwable t) {
                    errors.add(t);
                }
                MultipleFailureException.assertEmpty(errors);
            }
        }, description);
    }

    private void closeAll() throws Exception {
        List<AutoCloseable> lastFirst = new ArrayList<>(resources);
        resources.clear();
        TestResources.closeAll(lastFirst.toArray(AutoCloseable[]::new));
    }

    /** {@code resource}, closed after the test (before what was registered earlier). */
    <T extends AutoCloseable> T closeAtEnd(T resource) {
        resources.push(resource);
        return resource;
    }

    TemporaryFolder tmp() {
        return tmp;
    }

    Path root() {
        return tmp.getRoot().toPath();
    }

    Path newFolder(String name) throws IOException {
        return tmp.newFolder(name).toPath();
    }

    /** A fresh home {@code name} whose {@code etc/stratuslab} exists, for the test to write its files into. */
    Path home(String name) throws IOException {
        Path home = newFolder(name);
        Files.createDirectories(new CloudHome(home).etc());
        return home;
    }

    /** A fresh home {@code name} whose cloud.cfg is {@code cloudCfg}. */
    Path home(String name, String cloudCfg) throws IOException {
        Path home = newFolder(name);
        writeCloudCfg(home, cloudCfg);
        return home;
    }

    static void writeCloudCfg(Path home, String cloudCfg) throws IOException {
        Path file = new CloudHome(home).cloudCfg();
        Files.createDirectories(file.getParent());
        Files.writeString(file, cloudCfg);
    }

    /**
     * A fresh home "cloud" set up as an administrator trusts a CA: its files in
     * etc/grid-security/certificates, {@code certLines} in login-cert.properties, and {@code cloudCfg}.
     */
    CloudHome trustingHome(Path caDir, String certLines, String cloudCfg) throws IOException {
        CloudHome layout = new CloudHome(newFolder("cloud"));
        copyDirectory(caDir, layout.gridCertificates());
        Files.createDirectories(layout.authn());
        Files.writeString(layout.certFile(), certLines);
        Files.writeString(layout.cloudCfg(), cloudCfg);
        return layout;
    }

    /** Copies the tree {@code from} into {@code to}, creating the directories. */
    static void copyDirectory(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    /**
     * pdisk-backend.cfg of {@code home}: the file backend in {@code storage}, its volumes exported over
     * iSCSI by {@code tgtd} on loopback.
     */
    static void writeIscsiBackend(Path home, Path storage, TgtDaemon tgtd) throws IOException {
        Path file = new CloudHome(home).etc().resolve("pdisk-backend.cfg");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                [main]
                iscsi_proxies = local

                [local]
                type = File
                export = iscsi
                volume_name = %s
                iscsi_conf = %s
                tgt_control_port = %d
                iscsi_port = %d
                turl_host = 127.0.0.1
                """.formatted(storage.resolve("volumes"), storage.resolve("iscsi.conf"), tgtd.controlPort,
                tgtd.portalPort));
    }

    /** The launcher on {@code home} started with its console discarded; closed after the test, also when the start fails. */
    CloudLauncher start(Path home) throws Exception {
        return start(new CloudHome(home));
    }

    CloudLauncher start(CloudHome home) throws Exception {
        return start(home, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    CloudLauncher start(CloudHome home, PrintStream console) throws Exception {
        CloudLauncher launcher = closeAtEnd(new CloudLauncher(home));
        launcher.start(console);
        return launcher;
    }

    /** The cloud as {@code ./stratuslab up} starts it on {@code home}, with {@code extraConfig} in its cloud.cfg. */
    MarketplaceCloud marketplaceCloud(Path home, String extraConfig) throws Exception {
        return closeAtEnd(new MarketplaceCloud(home, extraConfig));
    }

    /** The cloud as {@code ./stratuslab up} starts it on a fresh home "cloud". */
    MarketplaceCloud marketplaceCloud(String extraConfig) throws Exception {
        return marketplaceCloud(newFolder("cloud"), extraConfig);
    }

    /** The identifier of the first image the embedded marketplace published when the cloud on {@code home} started. */
    static String publishedImage(Path home) throws IOException {
        return publishedImageLine(home)[0];
    }

    /** The first line of images.txt: the identifier, then the manifest's URL. */
    static String[] publishedImageLine(Path home) throws IOException {
        return Files.readAllLines(new CloudHome(home).images()).get(0).split(" ");
    }

    /** {@code user} on a one-proxy endpoint: Basic authentication, the cloud's self-signed certificate accepted. */
    static XmlRpcClient oneProxyClient(String endpoint, String user, String password) throws Exception {
        return new XmlRpcClient(URI.create(endpoint)).withSslContext(ReadinessCheck.trustAnyCertificate())
                .withBasicAuth(user, password);
    }

    /** {@code user}'s password in the credentials.txt the launcher wrote into {@code home}. */
    static String password(Path home, String user) throws IOException {
        return password(Files.readAllLines(new CloudHome(home).credentials()), user);
    }

    /** oneadmin's session string on /RPC2 ({@code oneadmin:<password>}). */
    static String adminSession(Path home) throws IOException {
        return "oneadmin:" + password(home, "oneadmin");
    }

    static String password(List<String> credentials, String user) {
        return credentials.stream().filter(l -> l.startsWith(user + ":")).findFirst().orElseThrow()
                .substring(user.length() + 1);
    }
}
