package eu.stratuslab.pdisk;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.infra.tls.UncheckedServerTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import javax.net.ssl.SSLContext;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import eu.stratuslab.pdisk.support.PdiskFixture;
import eu.stratuslab.pdisk.support.RecordingCommandRunner;
import eu.stratuslab.pdisk.support.TestAuthLayer;

/** The legacy layout: pdisk's own HTTPS connector (port 8445 in production) via authn's ServerTls. */
public class PdiskTlsServerTest {

    private Path dir;
    private PdiskServer server;

    @Before
    public void start() throws Exception {
        dir = Files.createTempDirectory("pdisk-tls");
        Files.createDirectories(dir.resolve("ca"));
        PdiskConfig cfg = PdiskFixture.httpsConfig(dir, dir.resolve("ca"));
        server = PdiskFixture.testServer(cfg, new RecordingCommandRunner());
        server.start();
    }

    @After
    public void stop() {
        server.stop();
        PdiskFixture.deleteTree(dir);
    }

    @Test
    public void servesLegacyAndCurrentPathsOverHttps() throws Exception {
        assertTrue(server.endpoint().toString(), server.endpoint().toString().startsWith("https://127.0.0.1:"));
        // trusts the self-signed certificate, with no host name check
        SSLContext trustAll = UncheckedServerTls.context();
        HttpClient client = HttpClient.newBuilder().sslContext(trustAll).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString(("alice:" + TestAuthLayer.USERS.get("alice"))
                .getBytes(StandardCharsets.UTF_8));
        String root = server.endpoint().toString().replace("/pdisk", "");
        for (String path : new String[] {"/pdisk/pswd/disks/", "/pswd/disks/"}) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(root + path)).header("Authorization", auth)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(path, 200, r.statusCode());
        }
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create(root + "/pswd/disks/"))
                .header("Authorization", auth).header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("size=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, created.statusCode());
        assertTrue(created.headers().firstValue("Location").orElse(""), created.headers().firstValue("Location").orElse("")
                .startsWith("https://127.0.0.1:"));
        assertTrue(Files.exists(dir.resolve("host.p12")));
    }
}
