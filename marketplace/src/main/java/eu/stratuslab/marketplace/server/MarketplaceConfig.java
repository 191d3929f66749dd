package eu.stratuslab.marketplace.server;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import eu.stratuslab.marketplace.manifest.SigningCredentials;

/**
 * Settings of the embedded marketplace. Only the storage directory and the administrator's
 * endorser e-mail are required; {@link #builder(Path, String)} gives the defaults below.
 */
public final class MarketplaceConfig {

    public static final int DEFAULT_VALIDITY_DAYS = 365;
    public static final int DEFAULT_MAX_MANIFEST_BYTES = 1 << 20;
    public static final long DEFAULT_MAX_IMAGE_BYTES = 64L << 30;
    public static final Duration DEFAULT_DOWNLOAD_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_DOWNLOAD_TIMEOUT = Duration.ofHours(2);

    private final Path directory;
    private final String endorserEmail;
    private final int validityDays;
    private final int maxManifestBytes;
    private final long maxImageBytes;
    private final Duration downloadConnectTimeout;
    private final Duration downloadTimeout;
    private final URI publicEndpoint;
    private final SigningCredentials signingCredentials;
    private final boolean signerMustBeEndorser;

    private MarketplaceConfig(Builder b) {
        this.directory = b.directory;
        this.endorserEmail = b.endorserEmail;
        this.validityDays = b.validityDays;
        this.maxManifestBytes = b.maxManifestBytes;
        this.maxImageBytes = b.maxImageBytes;
        this.downloadConnectTimeout = b.downloadConnectTimeout;
        this.downloadTimeout = b.downloadTimeout;
        this.publicEndpoint = b.publicEndpoint;
        this.signingCredentials = b.signingCredentials;
        this.signerMustBeEndorser = b.signerMustBeEndorser;
    }

    /**
     * @param directory     storage root (created if missing): {@code metadata/} and {@code images/}
     * @param endorserEmail the endorser e-mail of images the administrator publishes
     */
    public static Builder builder(Path directory, String endorserEmail) {
        return new Builder(directory, endorserEmail);
    }

    public Path directory() {
        return directory;
    }

    public String endorserEmail() {
        return endorserEmail;
    }

    /** Validity of entries the administrator publishes ({@code dcterms:valid} = now + this). */
    public int validityDays() {
        return validityDays;
    }

    public int maxManifestBytes() {
        return maxManifestBytes;
    }

    /** Cap on an uploaded or downloaded image, compressed and uncompressed. */
    public long maxImageBytes() {
        return maxImageBytes;
    }

    public Duration downloadConnectTimeout() {
        return downloadConnectTimeout;
    }

    /** Cap on the whole download of a {@code location} the administrator publishes. */
    public Duration downloadTimeout() {
        return downloadTimeout;
    }

    /** The URL clients use to reach the marketplace (image locations); empty = the server's own address. */
    public Optional<URI> publicEndpoint() {
        return Optional.ofNullable(publicEndpoint);
    }

    /** Key that signs published entries; empty = a throw-away certificate made at start. */
    public Optional<SigningCredentials> signingCredentials() {
        return Optional.ofNullable(signingCredentials);
    }

    /** Whether a posted entry's endorser e-mail must be the e-mail of its signer certificate. */
    public boolean signerMustBeEndorser() {
        return signerMustBeEndorser;
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
            return new MarketplaceConfig(this);
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
