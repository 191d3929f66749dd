package eu.stratuslab.authn.cert;

import eu.emi.security.authn.x509.CrlCheckingMode;
import eu.emi.security.authn.x509.NamespaceCheckingMode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The grid trust settings of authn.md §8.1, with the spec's rules for invalid values: every
 * unusable value silently falls back to its default so that a typo in a configuration file never
 * leaves the server without certificate authentication.
 */
public record TrustSettings(Path caDir, NamespaceCheckingMode namespaceMode, CrlCheckingMode crlMode, Duration reloadInterval) {

    public static final Path DEFAULT_CA_DIR = Path.of("/etc/grid-security/certificates");
    public static final NamespaceCheckingMode DEFAULT_NAMESPACE_MODE = NamespaceCheckingMode.EUGRIDPMA_AND_GLOBUS;
    public static final CrlCheckingMode DEFAULT_CRL_MODE = CrlCheckingMode.REQUIRE;
    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofMillis(600_000);
    /** Intervals shorter than this are configuration mistakes (§8.1), not wishes. */
    public static final long MIN_RELOAD_MILLIS = 60_000;

    public TrustSettings {
        Objects.requireNonNull(caDir, "caDir");
        Objects.requireNonNull(namespaceMode, "namespaceMode");
        Objects.requireNonNull(crlMode, "crlMode");
        Objects.requireNonNull(reloadInterval, "reloadInterval");
        if (reloadInterval.isNegative() || reloadInterval.isZero()) {
            throw new IllegalArgumentException("reload interval must be positive: " + reloadInterval);
        }
    }

    /** All defaults: {@code /etc/grid-security/certificates}, EUGridPMA and Globus namespaces, CRLs required, 10 minutes. */
    public static TrustSettings defaults() {
        return new TrustSettings(DEFAULT_CA_DIR, DEFAULT_NAMESPACE_MODE, DEFAULT_CRL_MODE, DEFAULT_RELOAD_INTERVAL);
    }

    /** Builds settings from raw configuration strings (each may be null), applying the §8.1 fallbacks. */
    public static TrustSettings fromStrings(String caDir, String namespaceMode, String crlMode, String reloadMillis) {
        return new TrustSettings(parseCaDir(caDir), parseNamespaceMode(namespaceMode), parseCrlMode(crlMode),
                parseReloadInterval(reloadMillis));
    }

    /** Null, empty or blank → the default directory; anything else is kept as given. */
    public static Path parseCaDir(String value) {
        return value == null || value.isBlank() ? DEFAULT_CA_DIR : Path.of(value);
    }

    /** A canl mode name (case-insensitive); unknown → {@code EUGRIDPMA_AND_GLOBUS}. */
    public static NamespaceCheckingMode parseNamespaceMode(String value) {
        return parseEnum(NamespaceCheckingMode.class, value, DEFAULT_NAMESPACE_MODE);
    }

    /** {@code REQUIRE}, {@code IF_VALID} or {@code IGNORE} (case-insensitive); unknown → {@code REQUIRE}. */
    public static CrlCheckingMode parseCrlMode(String value) {
        return parseEnum(CrlCheckingMode.class, value, DEFAULT_CRL_MODE);
    }

    /** Milliseconds in decimal; non-numeric or below 60000 → 600000. */
    public static Duration parseReloadInterval(String value) {
        if (value == null) {
            return DEFAULT_RELOAD_INTERVAL;
        }
        try {
            long millis = Long.parseLong(value.trim());
            return millis < MIN_RELOAD_MILLIS ? DEFAULT_RELOAD_INTERVAL : Duration.ofMillis(millis);
        } catch (NumberFormatException e) {
            return DEFAULT_RELOAD_INTERVAL;
        }
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, E fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
