package eu.stratuslab.hooks.save;

import eu.stratuslab.marketplace.manifest.ManifestEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The draft manifest of a saved image (hooks.md §4.2 step 6): the first entry of the origin image
 * with the fields of the spec's table replaced, every other element copied.
 *
 * <p>One deliberate addition: {@code slreq:bytes} is set to the number of bytes the new SHA-1
 * covers. The original copied the origin's byte count next to a checksum of the whole saved volume,
 * so size and checksum described different data and any download check of the saved image failed.
 */
public final class DraftManifest {
    private static final Pattern MAJOR_MINOR = Pattern.compile("^(.*)\\.(\\d+)$");

    /** What the saved image is: its new identity and where its data is. */
    public record SavedImage(String identifier, String sha1Hex, long bytes, String location) {
        public SavedImage {
            Objects.requireNonNull(identifier, "identifier");
            Objects.requireNonNull(sha1Hex, "sha1Hex");
            Objects.requireNonNull(location, "location");
        }
    }

    private DraftManifest() {
    }

    /**
     * @param origin       the first entry of the origin image's manifest
     * @param request      the VM's {@code CREATE_IMAGE} metadata
     * @param now          the endorsement time
     * @param validityDays {@code built_image_validity_period}
     */
    public static ManifestEntry build(ManifestEntry origin, SaveRequest request, SavedImage image, Instant now,
                                      int validityDays) {
        String version = request.value(SaveRequest.NEWIMAGE_VERSION);
        if (version.isEmpty()) {
            version = nextVersion(origin.version().orElse(""));
        }
        return origin
                .withIdentifier(image.identifier())
                .withSha1(image.sha1Hex())
                .withBytes(image.bytes())
                .withCreator(request.value(SaveRequest.CREATOR_NAME))
                .withVersion(version)
                .withTitle(request.value(SaveRequest.NEWIMAGE_TITLE))
                .withDescription(request.value(SaveRequest.NEWIMAGE_COMMENT))
                .withLocation(image.location())
                .withValid(now.plus(Duration.ofDays(validityDays)))
                .withCreated(now);
    }

    /**
     * The origin version with its minor number incremented: {@code 1.0} → {@code 1.1},
     * {@code 2.9} → {@code 2.10}; a version without a numeric minor gets {@code .1} appended
     * ({@code 1} → {@code 1.1}, {@code beta} → {@code beta.1}); no version at all gives {@code 0.1}.
     */
    public static String nextVersion(String originVersion) {
        String v = originVersion == null ? "" : originVersion.strip();
        if (v.isEmpty()) {
            return "0.1";
        }
        Matcher m = MAJOR_MINOR.matcher(v);
        if (m.matches() && !m.group(1).isEmpty() && !m.group(1).contains(".")) {
            return m.group(1) + "." + new java.math.BigInteger(m.group(2)).add(java.math.BigInteger.ONE);
        }
        return v + ".1";
    }
}
