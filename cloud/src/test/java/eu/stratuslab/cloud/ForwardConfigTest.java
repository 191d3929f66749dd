package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import eu.stratuslab.oneproxy.forward.ForwardSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The forward-mode keys of cloud.cfg (authn.md §11): defaults of the reference copy, and clear refusals. */
public class ForwardConfigTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private CloudConfig config(String text) throws Exception {
        Path file = tmp.newFile().toPath();
        Files.writeString(file, text);
        return CloudConfig.load(file);
    }

    @Test
    public void theReferenceCopyIsIntegratedWithTheSpecDefaultsForForwarding() throws Exception {
        CloudConfig cfg = config(CloudConfig.DEFAULT_TEXT);
        assertEquals(CloudConfig.ProxyMode.INTEGRATED, cfg.proxyMode());
        ForwardSettings forward = cfg.forwardSettings();
        assertEquals(URI.create("http://localhost:2633/RPC2"), forward.backend());
        assertEquals(Duration.ofSeconds(10), forward.connectTimeout());
        assertEquals(Duration.ofSeconds(600), forward.readTimeout());
        assertTrue(forward.backendIsLoopback());
    }

    @Test
    public void forwardModeIsOneSetting() throws Exception {
        assertEquals(CloudConfig.ProxyMode.FORWARD, config("proxy.mode = forward\n").proxyMode());
    }

    @Test
    public void badValuesAreRefusedWithTheKey() throws Exception {
        refused("proxy.mode = sideways\n", "proxy.mode must be integrated or forward", null);
        refused("proxy.forward.url = ftp://localhost/RPC2\n", "only http and https", null);
        refused("proxy.forward.url = http://oneadmin:s3cret@localhost:2633/RPC2\n", "remove the user name and password",
                "s3cret");
        refused("proxy.forward.read_timeout_ms = 0\n", "timeouts must be positive", null);
    }

    private void refused(String text, String expected, String secret) throws Exception {
        CloudConfig cfg = config(text);
        try {
            cfg.proxyMode();
            cfg.forwardSettings();
            fail("accepted: " + text);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(expected));
            if (secret != null) {
                assertFalse("the password is not repeated: " + e.getMessage(), e.getMessage().contains(secret));
            }
        }
    }
}
