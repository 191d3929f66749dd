package eu.stratuslab.cloud;

import eu.stratuslab.authn.http.AuthenticatedEndpoint;
import eu.stratuslab.marketplace.manifest.MarketplaceClient;
import eu.stratuslab.marketplace.server.AuthenticatedAdministrator;
import eu.stratuslab.marketplace.server.ImageDescription;
import eu.stratuslab.marketplace.server.ImageSource;
import eu.stratuslab.marketplace.server.MarketplaceConfig;
import eu.stratuslab.marketplace.server.MarketplaceServer;
import eu.stratuslab.marketplace.server.MarketplaceService;
import eu.stratuslab.marketplace.server.PublishResult;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The embedded marketplace of a cloud ({@code marketplace} in endpoints.txt): manifests of the
 * site's images at {@code <endpoint>/metadata/<id>}, administrator publishing for {@code oneadmin}
 * (HTTP Basic through the cloud's login.conf), entries and images under
 * {@code var/lib/stratuslab/marketplace}. At start the local image is published so that every user
 * can run it by id; {@code DIR/images.txt} lists what was published, one {@code <id> <manifest URL>}
 * per line.
 */
final class MarketplacePart {
    private final MarketplaceService service;
    private final MarketplaceServer server;
    private final Map<String, String> published = new LinkedHashMap<>();

    MarketplacePart(CloudHome home, CloudConfig cfg) throws IOException {
        MarketplaceConfig config = MarketplaceConfig.builder(home.root().resolve("var/lib/stratuslab/marketplace"),
                cfg.get("marketplace.endorser", "oneadmin@localhost")).build();
        this.service = new MarketplaceService(config);
        AuthenticatedEndpoint login = AuthenticatedEndpoint.builder("marketplace").login(home.loginConf()).build();
        this.server = new MarketplaceServer(cfg.get("marketplace.host", cfg.get("proxy.host", "127.0.0.1")),
                cfg.getInt("marketplace.port", 8447), service, AuthenticatedAdministrator.withIdentities(Set.of("oneadmin")),
                admin -> login.password("StratusLab Marketplace", null, admin));
    }

    void start() throws Exception {
        server.start();
    }

    URI endpoint() {
        return server.endpoint();
    }

    /** Publishes the local image (idempotent: the same image gets the same id) and rewrites images.txt. */
    void publishLocalImage(Path image, Path imagesTxt) throws Exception {
        PublishResult r = service.publish(ImageSource.file(image), ImageDescription.create()
                .title("local").description("The embedded cloud's local image").os("none").osArch("x86_64")
                .osVersion("0").version("1.0").format("raw"));
        published.put(r.identifier(), MarketplaceClient.manifestUri(endpoint(), r.identifier()).toString());
        StringBuilder sb = new StringBuilder();
        published.forEach((id, url) -> sb.append(id).append(' ').append(url).append('\n'));
        CloudHome.writePrivate(imagesTxt, sb.toString(), false);
    }

    Map<String, String> published() {
        return Map.copyOf(published);
    }

    void stop() {
        server.stop();
        service.close();
    }
}
