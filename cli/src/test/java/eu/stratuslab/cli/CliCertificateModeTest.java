package eu.stratuslab.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.authn.testca.TestCa;
import eu.stratuslab.cloud.CloudHome;
import eu.stratuslab.cloud.CloudLauncher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Certificate mode (legacy-cli.md §3.1, §3.2): without a user name the CLI presents the user's PEM
 * certificate and key, calls {@code /one-proxy/cert/xmlrpc} with the session {@code dummy:pass} and
 * pdisk's {@code /cert/} path, and is the account the site maps the DN to; a certificate the site's
 * CA did not sign is refused with exit status 255.
 */
public class CliCertificateModeTest {
    private static final TemporaryFolder tmp = new TemporaryFolder();
    private static CloudLauncher cloud;
    private static TestCa ca;
    private static Path userHome;

    @BeforeClass
    public static void siteWithATrustedCa() throws Exception {
        tmp.create();
        Path home = tmp.newFolder("cloud").toPath();
        ca = TestCa.create(tmp.newFolder("pki").toPath());
        CloudHome layout = new CloudHome(home);
        ca.installCaFiles(layout.gridCertificates());
        Files.createDirectories(layout.authn());
        Files.writeString(layout.certFile(), "\"" + TestCa.USER_DN + "\" cloud-access\n");
        Files.writeString(layout.cloudCfg(), "rpc2.port = 0\nproxy.port = 0\npdisk.port = 0\nmarketplace.port = 0\n");
        cloud = new CloudLauncher(layout);
        cloud.start(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        userHome = tmp.newFolder("jane").toPath();
        Files.createDirectories(userHome.resolve(".globus"));
        ca.user.writePem(userHome.resolve(".globus/usercert.pem"), userHome.resolve(".globus/userkey.pem"));
        ca.untrusted.writePem(userHome.resolve("other-cert.pem"), userHome.resolve("other-key.pem"));
        Path serverCa = userHome.resolve("cloud.pem");
        Files.writeString(serverCa, ServerCertificates.pem(layout.keyStore()));
        String proxy = cloud.endpoints().get("one-proxy").replace("/pswd/", "/").replace("127.0.0.1", "localhost");
        TestContexts.writeUserConfig(userHome, "[default]\n"
                + "endpoint = " + proxy + "\n"
                + "pdisk_endpoint = " + cloud.endpoints().get("pdisk").replace("127.0.0.1", "localhost") + "\n"
                + "ca_certificate = " + serverCa + "\n");
    }

    @AfterClass
    public static void stop() throws Exception {
        if (cloud != null) {
            cloud.close();
        }
        tmp.delete();
    }

    private TestContexts run(int expected, String... args) {
        TestContexts t = new TestContexts(userHome, Map.of());
        int status = Main.run(args, t.ctx);
        assertEquals(String.join(" ", args) + ": " + t.out() + t.err(), expected, status);
        return t;
    }

    @Test
    public void theDefaultGlobusCertificateReachesTheCloudAndPdisk() {
        TestContexts describe = run(0, "stratus-describe-instance", "-n");
        assertEquals("id  state     vcpu memory    cpu% host/ip                 name\n", describe.out());

        TestContexts created = run(0, "stratus-create-volume", "-s", "1");
        Matcher m = Pattern.compile("\\ADISK ([0-9a-f-]{36})\n\\z").matcher(created.out());
        assertTrue(created.out(), m.matches());
        assertEquals("DELETED " + m.group(1) + "\n", run(0, "stratus-delete-volume", m.group(1)).out());
    }

    @Test
    public void aCertificateOfAnotherCaIsRefused() {
        TestContexts refused = run(255, "stratus-describe-instance", "--pem-cert", userHome.resolve("other-cert.pem").toString(),
                "--pem-key", userHome.resolve("other-key.pem").toString());
        assertEquals("Error: Forbidden\n", refused.err());
    }

    @Test
    public void aMissingCertificateFileIsNamed() throws Exception {
        TestContexts missing = run(255, "stratus-describe-instance", "--pem-cert", userHome.resolve("nowhere.pem").toString());
        assertEquals("Error: Can't find certificate file " + userHome.resolve("nowhere.pem") + "\n", missing.err());
    }
}
