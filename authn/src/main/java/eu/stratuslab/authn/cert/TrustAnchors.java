package eu.stratuslab.authn.cert;

import eu.emi.security.authn.x509.NamespaceCheckingMode;
import eu.emi.security.authn.x509.OCSPCheckingMode;
import eu.emi.security.authn.x509.OCSPParametes;
import eu.emi.security.authn.x509.ProxySupport;
import eu.emi.security.authn.x509.RevocationParameters;
import eu.emi.security.authn.x509.StoreUpdateListener;
import eu.emi.security.authn.x509.ValidationError;
import eu.emi.security.authn.x509.ValidationResult;
import eu.emi.security.authn.x509.X509CertChainValidatorExt;
import eu.emi.security.authn.x509.impl.OpensslCertChainValidator;
import eu.emi.security.authn.x509.impl.ValidatorParams;
import eu.emi.security.authn.x509.proxy.ProxyUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The grid trust store: CA certificates, CRLs and namespace policies from a directory in OpenSSL
 * hash layout ({@code <hash>.0}, {@code <hash>.r0}, {@code <hash>.namespaces},
 * {@code <hash>.signing_policy}), re-read in the background at the refresh interval so that
 * {@code fetch-crl} updates take effect without a restart.
 *
 * <p>Validation is delegated to EMI caNl because the JDK's PKIX validator rejects proxy chains
 * (a proxy is signed by an end-entity certificate without {@code keyCertSign}). caNl accepts
 * RFC 3820, GT3-draft and legacy Globus proxies of any depth on top of a trusted EEC, and checks
 * validity periods, signatures, CRLs and namespaces for every certificate of the chain. OCSP is
 * not consulted: authn.md §8.1 relies on CRLs only, and network look-ups on the login path would
 * make authentication depend on remote responders.
 */
public final class TrustAnchors implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrustAnchors.class);
    private static final int MAX_REASONS = 3;

    private final TrustSettings settings;
    /** Null while the CA directory is missing; retried on use so that a late-mounted directory is picked up. */
    private volatile OpensslCertChainValidator validator;
    private volatile boolean closed;

    private TrustAnchors(TrustSettings settings) {
        this.settings = settings;
        this.validator = createValidator(settings);
    }

    /**
     * @param caDir           the CA directory; null means {@code /etc/grid-security/certificates}
     * @param refresh         reload interval of certificates and CRLs; null means 10 minutes
     * @param namespaceChecks true: EUGridPMA and Globus namespace policies are enforced (the
     *                        default of §8.1); false: namespace files are ignored
     */
    public static TrustAnchors open(Path caDir, Duration refresh, boolean namespaceChecks) {
        return open(new TrustSettings(caDir == null ? TrustSettings.DEFAULT_CA_DIR : caDir,
                namespaceChecks ? TrustSettings.DEFAULT_NAMESPACE_MODE : NamespaceCheckingMode.IGNORE,
                TrustSettings.DEFAULT_CRL_MODE,
                refresh == null ? TrustSettings.DEFAULT_RELOAD_INTERVAL : refresh));
    }

    /** Opens the trust store described by {@code settings} (see {@link TrustSettings#fromStrings}). */
    public static TrustAnchors open(TrustSettings settings) {
        return new TrustAnchors(settings);
    }

    private static OpensslCertChainValidator createValidator(TrustSettings settings) {
        if (!Files.isDirectory(settings.caDir())) {
            // §8.1: logged as an error, not fatal: every certificate is rejected as untrusted meanwhile.
            LOG.error("CA directory {} does not exist or is not a directory; no client certificate will be accepted",
                    settings.caDir());
            return null;
        }
        RevocationParameters revocation = new RevocationParameters(settings.crlMode(),
                new OCSPParametes(OCSPCheckingMode.IGNORE));
        ValidatorParams params = new ValidatorParams(revocation, ProxySupport.ALLOW, List.of(new StoreLogger()));
        try {
            OpensslCertChainValidator v = new OpensslCertChainValidator(settings.caDir().toString(), true,
                    settings.namespaceMode(), settings.reloadInterval().toMillis(), params, false);
            LOG.info("grid trust store {} opened: {} CAs, namespaces {}, CRLs {}, reload every {}", settings.caDir(),
                    v.getTrustedIssuers().length, settings.namespaceMode(), settings.crlMode(), settings.reloadInterval());
            return v;
        } catch (RuntimeException e) {
            LOG.error("cannot read CA directory {}: {}", settings.caDir(), e.toString());
            return null;
        }
    }

    /** The current validator, or null when the CA directory is (still) unusable. */
    private OpensslCertChainValidator currentValidator() {
        OpensslCertChainValidator v = validator;
        if (v == null && !closed && Files.isDirectory(settings.caDir())) {
            synchronized (this) {
                if (validator == null && !closed) {
                    validator = createValidator(settings);
                }
                v = validator;
            }
        }
        return v;
    }

    /**
     * Validates a client chain (leaf first). Accepts an EEC issued by a trusted CA and proxies of any
     * depth on top of it; rejects expired, not-yet-valid, revoked, untrusted, out-of-namespace and
     * broken chains. Never throws for a bad chain.
     */
    public CertificateVerdict verify(X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            return CertificateVerdict.rejected(new X509Certificate[0], "no client certificate");
        }
        X509Certificate[] copy = chain.clone();
        OpensslCertChainValidator v = currentValidator();
        if (v == null) {
            return CertificateVerdict.rejected(copy, "CA directory " + settings.caDir() + " is not available");
        }
        ValidationResult result;
        try {
            result = v.validate(copy);
        } catch (RuntimeException e) {
            // caNl reports problems in the result; a throw means a chain it could not even parse.
            return CertificateVerdict.rejected(copy, "chain could not be validated: " + e);
        }
        if (!result.isValid()) {
            return CertificateVerdict.rejected(copy, describe(result));
        }
        X509Certificate eec = ProxyUtils.getEndUserCertificate(copy);
        if (eec == null) {
            return CertificateVerdict.rejected(copy, "chain holds proxy certificates only");
        }
        return CertificateVerdict.accepted(eec.getSubjectX500Principal().getName(), copy);
    }

    /** The CA certificates currently trusted (for the TLS certificate request and diagnostics). */
    public X509Certificate[] trustedIssuers() {
        OpensslCertChainValidator v = currentValidator();
        return v == null ? new X509Certificate[0] : v.getTrustedIssuers();
    }

    /**
     * The underlying caNl validator, shared with the VOMS validator so that both use one trust store;
     * empty while the CA directory is unavailable.
     */
    public Optional<X509CertChainValidatorExt> validator() {
        return Optional.ofNullable(currentValidator());
    }

    public TrustSettings settings() {
        return settings;
    }

    /** Stops the background reload timer. */
    @Override
    public synchronized void close() {
        closed = true;
        OpensslCertChainValidator v = validator;
        if (v != null) {
            v.dispose();
        }
    }

    private static String describe(ValidationResult result) {
        List<ValidationError> errors = result.getErrors();
        if (errors.isEmpty()) {
            return "chain not trusted";
        }
        String text = errors.stream().limit(MAX_REASONS)
                .map(e -> e.getErrorCode() + " at position " + e.getPosition() + ": " + e.getMessage())
                .collect(Collectors.joining("; "));
        return errors.size() > MAX_REASONS ? text + "; ..." : text;
    }

    /** Routes caNl's trust-store loading events (unreadable CA, stale CRL, ...) to the server log. */
    private static final class StoreLogger implements StoreUpdateListener {
        @Override
        public void loadingNotification(String location, String type, Severity level, Exception cause) {
            String message = "trust store: {} {} {}";
            String detail = cause == null ? "" : cause.getMessage();
            switch (level) {
                case ERROR -> LOG.error(message, type, location, detail);
                case WARNING -> LOG.warn(message, type, location, detail);
                default -> LOG.debug(message, type, location, detail);
            }
        }
    }
}
