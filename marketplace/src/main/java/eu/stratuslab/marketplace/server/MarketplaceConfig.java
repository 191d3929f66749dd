package eu.stratuslab.marketplace.server;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import eu.stratuslab.marketplace.manifest.SigningCredentials;

/**
 * Settings of the embedded marketplace. Only the storage directory and the administrator's
 * endorser e-mail are required; {@link #builder(Path, String)} gives the defaults below and checks
 * the values.
 *
 * @param directory              storage root (created if missing): {@code metadata/} and {@code images/}
 * @param endorserEmail          the endorser e-mail of images the administrator publishes
 * @param validityDays           validity of entries the administrator publishes ({@code dcterms:valid} = now + this)
 * @param maxImageBytes          cap on an uploaded or downloaded image, compressed and uncompressed
 * @param downloadTimeout        cap on the whole download of a {@code location} the administrator publishes
 * @param publicEndpoint         the URL clients use to reach the marketplace (image locations); empty = the
 *                               server's own address
 * @param signingCredentials     key that signs published entries; empty = a throw-away certificate made at start
 * @param signerMustBeEndorser   whether a posted entry's endorser e-mail must be the e-mail of its signer
 *                               certificate
 */
public record MarketplaceConfig(Path directory, String endorserEmail, int validityDays, int maxManifestBytes,
        long maxImageBytes, Duration downloadConnectTimeout, Duration downloadTimeout, Optional<URI> publicEndpoint,
        Optional<SigningCredentials> signingCredentials, boolean signerMustBeEndorser) {

    public static final int DEFAULT_VALIDITY_DAYS = 365;
    public static final int DEFAULT_MAX_MANIFEST_BYTES = 1 << 20;
    public static final long DEFAULT_MAX_IMAGE_BYTES = 64L << 30;
    public static final Duration DEFAULT_DOWNLOAD_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_DOWNLOAD_TIMEOUT = Duration.ofHours(2);

    /**
     * @param directory     storage root (created if missing): {@code metadata/} and {@code images/}
     * @param endorserEmail the endorser e-mail of images the administrator publishes
     */
    public static Builder builder(Path directory, String endorserEmail) {
        return new Builder(directory, endorserEmail);
    }

    public static final class Builder {
        private final Path directory;
        private final String endorserEmail;
        private int validityDays = DEFAULT_VALIDITY_DAYS;
        private int maxManifestBytes = DEFAULT_MAX_MANIFEST_BYTES;
        private long maxImageBytes = DEFAULT_MAX_IMAGE_BYTES;
        private Duration downloadConnectTimeout = DEFAULT_DOWNLOAD_CONNECT_TIMEOUT;
        private Duration downloadTimeout = DEFAULT_DOWNLOAD_TIMEOUT;
        private URI publicEndpoint;
        private SigningCredentials signingCredentials;
        private boolean signerMustBeEndorser;

        private Builder(Path directory, String endorserEmail) {
            this.directory = Objects.requireNonNull(directory, "directory");
            this.endorserEmail = Objects.requireNonNull(endorserEmail, "endorserEmail").strip();
            if (this.endorserEmail.isEmpty()) {
                throw new IllegalArgumentException("the endorser e-mail must not be empty");
            }
        }

        public Builder validityDays(int days) {
            if (days <= 0) {
                throw new IllegalArgumentException("validity days must be positive: " + days);
            }
            this.validityDays = days;
            return this;
        }

        public Builder maxManifestBytes(int bytes) {
            this.maxManifestBytes = positive(bytes, "maxManifestBytes").intValue();
            return this;
        }

        public Builder maxImageBytes(long bytes) {
            this.maxImageBytes = positive(bytes, "maxImageBytes");
            return this;
        }

        public Builder downloadConnectTimeout(Duration timeout) {
            this.downloadConnectTimeout = positive(timeout, "downloadConnectTimeout");
            return this;
        }

        public Builder downloadTimeout(Duration timeout) {
            this.downloadTimeout = positive(timeout, "downloadTimeout");
            return this;
        }

        public Builder publicEndpoint(URI endpoint) {
            this.publicEndpoint = endpoint;
            return this;
        }

        public Builder signingCredentials(SigningCredentials credentials) {
            this.signingCredentials = credentials;
            return this;
        }

        public Builder signerMustBeEndorser(boolean required) {
            this.signerMustBeEndorser = required;
            return this;
        }

        public MarketplaceConfig build() {
            return new MarketplaceConfig(directory, endorserEmail, validityDays, maxManifestBytes, maxImageBytes,
                    downloadConnectTimeout, downloadTimeout, Optional.ofNullable(publicEndpoint),
                    Optional.ofNullable(signingCredentials), signerMustBeEndorser);
        }

        private static Long positive(long value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
