package eu.stratuslab.marketplace.manifest;

import java.net.URI;
import java.util.Objects;

/** A marketplace image named by a DISK source: the marketplace base URI and the image identifier. */
public record ImageReference(URI marketplace, String identifier) {

    public ImageReference {
        Objects.requireNonNull(marketplace, "marketplace");
        Objects.requireNonNull(identifier, "identifier");
    }

    /** {@code <marketplace>/metadata/<id>}. */
    public URI manifestUri() {
        return MarketplaceClient.manifestUri(marketplace, identifier);
    }
}
