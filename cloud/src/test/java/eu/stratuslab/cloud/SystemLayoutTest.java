package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The installed layout ({@code --root}, the RPM) and the configuration the package ships. */
public class SystemLayoutTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void systemLayoutKeepsGeneratedFilesWithTheState() throws Exception {
        Path root = tmp.getRoot().toPath();
        CloudHome system = CloudHome.system(root);
        assertEquals(root.resolve("var/lib/stratuslab/credentials.txt"), system.credentials());
        assertEquals(root.resolve("var/lib/stratuslab/endpoints.txt"), system.endpoints());
        assertEquals(root.resolve("var/lib/stratuslab/images.txt"), system.images());
        assertEquals(root.resolve("etc/stratuslab/cloud.cfg"), system.cloudCfg());
        assertEquals(root.resolve("var/lib/one"), system.varLibOne());
        CloudHome developer = new CloudHome(root);
        assertEquals(root.resolve("credentials.txt"), developer.credentials());
        assertEquals(root.resolve("images.txt"), developer.images());
    }

    @Test
    public void writtenConfigurationForAPackageHasNoPasswordAndKeepsShippedFiles() throws Exception {
        CloudHome home = CloudHome.system(tmp.getRoot().toPath());
        Files.createDirectories(home.etc());
        Files.writeString(home.etc().resolve("stratuslab.cfg"), "[default]\n# the site's own file\n");

        CloudLauncher.writeConfiguration(home, Credentials.none());

        assertEquals("[default]\n# the site's own file\n", Files.readString(home.etc().resolve("stratuslab.cfg")));
        for (String f : new String[] {"cloud.cfg", "sched.conf", "vm-hooks.conf", "policy.cfg", "quarantine.cfg",
                "pdisk.cfg", "authn/login.conf", "authn/login-cert.properties"}) {
            assertTrue(f, Files.isRegularFile(home.etc().resolve(f)));
        }
        for (String line : Files.readAllLines(home.passwordFile())) {
            assertTrue("no account in a packaged password file: " + line, line.isBlank() || line.startsWith("#"));
        }
        assertFalse(Files.exists(home.credentials()));
    }

    @Test
    public void firstStartAddsOnlyTheGeneratedAccountsTheShippedFileLacks() throws Exception {
        CloudHome home = CloudHome.system(tmp.getRoot().toPath());
        home.createDirectories();
        // shipped without a final newline, with the site's own oneadmin entry
        Files.writeString(home.passwordFile(), "# users\n! old comment\noneadmin = MD5:5f4dcc3b5aa765d61d8327deb882cf99,cloud-access");
        Credentials generated = Credentials.loadOrCreate(home.credentials(), "oneadmin", "demo", "pdisk");

        DefaultFiles.addMissingUsers(home.passwordFile(), generated);
        DefaultFiles.addMissingUsers(home.passwordFile(), generated); // a restart adds nothing more

        assertEquals(java.util.List.of("# users", "! old comment",
                "oneadmin = MD5:5f4dcc3b5aa765d61d8327deb882cf99,cloud-access",
                "demo=" + generated.password("demo") + ",cloud-access",
                "pdisk=" + generated.password("pdisk") + ",cloud-access"), Files.readAllLines(home.passwordFile()));
    }
}
