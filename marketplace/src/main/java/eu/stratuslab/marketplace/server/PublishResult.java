package eu.stratuslab.marketplace.server;

import java.net.URI;

/**
 * A published image.
 *
 * @param identifier  the 27-character identifier
 * @param imageUri    {@code <endpoint>/metadata/<id>}: the DISK source for VM templates
 * @param manifestUri {@code <endpoint>/metadata/<id>/<email>/<created>}: this entry
 * @param location    the image location written in the manifest
 * @param entry       the stored (signed) entry
 */
public record PublishResult(String identifier, URI imageUri, URI manifestUri, String location, StoredEntry entry) {
}
