package eu.stratuslab.marketplace.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.UnaryOperator;

import org.eclipse.jetty.server.Handler;
import org.junit.rules.ExternalResource;
import org.junit.rules.TemporaryFolder;

import eu.stratuslab.infra.testsupport.ManualClock;
import eu.stratuslab.marketplace.manifest.ManifestEntry;
import eu.stratuslab.marketplace.manifest.ManifestFixtures;
import eu.stratuslab.marketplace.manifest.ManifestSigner;
import eu.stratuslab.marketplace.manifest.SigningCredentials;

/**
 * A marketplace on a loopback ephemeral port over a temporary directory, with a settable clock.
 * The administrator gate is the header {@code X-Test-Admin: yes} unless a test installs another.
 */
class MarketplaceFixture extends ExternalResource {

    static final String ADMIN_EMAIL = "admin@example.org";
    static final SigningCredentials JANE = ManifestSigner.throwAwayCertificate("Jane Tester",
            "jane.tester@example.org", 30);

    final TemporaryFolder folder = new TemporaryFolder();
    final ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    AdministratorGate gate = request -> "yes".equals(request.getHeaders().get("X-Test-Admin"));
    UnaryOperator<Handler> adminAuthentication = UnaryOperator.identity();
    MarketplaceConfig.Builder config;
    MarketplaceService service;
    MarketplaceServer server;
    URI endpoint;

    @Override
    protected void before() throws Throwable {
        folder.create();
        config = MarketplaceConfig.builder(folder.getRoot().toPath().resolve("marketplace"), ADMIN_EMAIL)
                .validityDays(30);
    }

    /** Starts (or restarts, over the same directory) the service and the server. */
    void start() throws Exception {
        stop();
        service = new MarketplaceService(config.build(), clock);
        server = new MarketplaceServer("127.0.0.1", 0, service, gate, adminAuthentication);
        server.start();
        endpoint = server.endpoint();
    }

    void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
        if (service != null) {
            service.close();
            service = null;
        }
    }

    @Override
    protected void after() {
        stop();
        folder.delete();
    }

    Path directory() {
        return folder.getRoot().toPath().resolve("marketplace");
    }

    /** A complete entry of the spec's example image by {@code endorser}. */
    ManifestEntry entry(String endorser, Instant created, Instant valid) {
        return ManifestFixtures.exampleEntry().withEndorserEmail(endorser).withCreated(created).withValid(valid);
    }

    byte[] signed(ManifestEntry entry) throws Exception {
        return new ManifestSigner(JANE).signToXml(entry);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    URI url(String path) {
        return URI.create(endpoint + path);
    }
}
