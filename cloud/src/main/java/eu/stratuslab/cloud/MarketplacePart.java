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
import java.nio.file.Files;
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
    private final Path localImageStamp;

    MarketplacePart(CloudHome home, CloudConfig cfg) throws IOException {
        Path dir = home.root().resolve("var/lib/stratuslab/marketplace");
        this.localImageStamp = dir.resolve("local-image.published");
        MarketplaceConfig config = MarketplaceConfig.builder(dir,
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

    /**
     * Publishes the local image and rewrites images.txt. A restart on an unchanged image (same path,
     * size and modification time) whose entry is still current reuses that entry: hashing the image
     * again took most of a second at every start, and each start added one more entry.
     */
    void publishLocalImage(Path image, Path imagesTxt) throws Exception {
        String file = image.toAbsolutePath() + " " + Files.size(image) + " " + Files.getLastModifiedTime(image).toMillis();
        String id = previouslyPublished(file);
        if (id == null) {
            PublishResult r = service.publish(ImageSource.file(image), ImageDescription.create()
                    .title("local").description("The embedded cloud's local image").os("none").osArch("x86_64")
                    .osVersion("0").version("1.0").format("raw"));
            id = r.identifier();
            CloudHome.writePrivate(localImageStamp, id + " " + file + "\n", false);
        }
        published.put(id, MarketplaceClient.manifestUri(endpoint(), id).toString());
        StringBuilder sb = new StringBuilder();
        published.forEach((i, url) -> sb.append(i).append(' ').append(url).append('\n'));
        CloudHome.writePrivate(imagesTxt, sb.toString(), false);
    }

    /** The id under which {@code file} (path, size, time) was published, while this endorser's entry is current. */
    private String previouslyPublished(String file) throws IOException {
        if (!Files.isRegularFile(localImageStamp)) {
            return null;
        }
        String line = Files.readString(localImageStamp).strip();
        int space = line.indexOf(' ');
        if (space < 0 || !line.substring(space + 1).equals(file)) {
            return null;
        }
        String id = line.substring(0, space);
        boolean current = service.current(id).stream().anyMatch(e -> e.endorser().equals(service.endorserEmail()));
        return current ? id : null;
    }

    Map<String, String> published() {
        return Map.copyOf(published);
    }

    void stop() {
        server.stop();
        service.close();
    }
}
