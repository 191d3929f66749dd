package eu.stratuslab.pdisk;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import eu.stratuslab.pdisk.support.PdiskFixture;

/**
 * The launcher's wiring: {@code new PdiskServer(cfg, server)} with a real login.conf and password
 * file through the authn module, both standalone and mounted on a shared Jetty server.
 */
public class PdiskServerWiringTest {

    private Path dir;
    private PdiskConfig cfg;
    private final HttpClient http = HttpClient.newHttpClient();

    @Before
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("pdisk-wiring");
        Path users = dir.resolve("login-pswd.properties");
        Files.writeString(users, "carol=carol-secret,cloud-access\npdisk=pdisk-secret,cloud-access\n");
        Path loginConf = dir.resolve("login.conf");
        Files.writeString(loginConf, "stratuslab-pswd {\n  org.eclipse.jetty.jaas.spi.PropertyFileLoginModule sufficient\n"
                + "    file=\"" + users + "\";\n};\n");
        cfg = PdiskFixture.localConfig(dir).withLoginConf(loginConf).withHttpPort(0);
    }

    @After
    public void tearDown() {
        PdiskFixture.deleteTree(dir);
    }

    private HttpResponse<String> get(URI uri, String user, String pw) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "application/json");
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + pw).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    public void standaloneServerAuthenticatesThroughJaas() throws Exception {
        PdiskServer server = new PdiskServer(cfg, null);
        server.start();
        try {
            URI disks = URI.create(server.endpoint() + "/pswd/disks/");
            assertEquals(401, get(disks, null, null).statusCode());
            assertEquals(401, get(disks, "carol", "wrong").statusCode());
            assertEquals(200, get(disks, "carol", "carol-secret").statusCode());
            assertEquals("[ ]", get(disks, "carol", "carol-secret").body().strip());
            assertEquals(200, get(URI.create(server.endpoint() + "/svc-pdisk.html"), null, null).statusCode());
        } finally {
            server.stop();
        }
    }

    @Test
    public void mountsOnSharedServer() throws Exception {
        Server shared = new Server();
        ServerConnector connector = new ServerConnector(shared);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        shared.addConnector(connector);
        shared.setHandler(new ContextHandlerCollection());
        shared.start();
        PdiskServer server = new PdiskServer(cfg, shared);
        try {
            server.start();
            assertTrue(server.endpoint().toString(), server.endpoint().toString().endsWith("/pdisk"));
            assertEquals(200, get(URI.create(server.endpoint() + "/pswd/disks/"), "pdisk", "pdisk-secret").statusCode());
        } finally {
            server.stop();
            shared.stop();
        }
    }
}
