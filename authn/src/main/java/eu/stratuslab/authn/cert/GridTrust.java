package eu.stratuslab.authn.cert;

import eu.stratuslab.authn.Authenticator;
import eu.stratuslab.authn.voms.VomsRoles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The site's one grid trust policy (authn.md §8): the CA directory with its namespace, CRL and
 * reload settings ({@link TrustSettings}) and, when a vomsdir exists, the VOMS attribute validation
 * on top of the same trust store. Every service that accepts client certificates (one-proxy,
 * pdisk) is given the same instance, so a chain accepted by one is accepted by the other and a
 * VOMS proxy yields the same roles everywhere.
 *
 * <p>Opened once by whoever owns the services (the cloud launcher) and closed by it; the services
 * only create handlers from it.
 */
public final class GridTrust implements AutoCloseable {

    /** Where grid middleware keeps the VOMS LSC files. */
    public static final Path DEFAULT_VOMS_DIR = Path.of("/etc/grid-security/vomsdir");
    private static final Logger LOG = LoggerFactory.getLogger(GridTrust.class);

    private final TrustAnchors anchors;
    private final VomsRoles voms;

    private GridTrust(TrustAnchors anchors, VomsRoles voms) {
        this.anchors = anchors;
        this.voms = voms;
    }

    /**
     * @param settings the trust settings (see {@link TrustSettings#fromStrings} for the §8.1 fallbacks)
     * @param vomsDir  the vomsdir; null or not a directory: VOMS attribute certificates are ignored
     *                 (a VOMS proxy is then an ordinary proxy, authn.md §8.3)
     */
    public static GridTrust open(TrustSettings settings, Path vomsDir) {
        TrustAnchors anchors = TrustAnchors.open(Objects.requireNonNull(settings, "settings"));
        VomsRoles voms = null;
        if (vomsDir != null && Files.isDirectory(vomsDir)) {
            voms = VomsRoles.open(vomsDir, anchors);
        } else {
            LOG.info("no vomsdir at {}: VOMS attributes of proxies are ignored", vomsDir);
        }
        return new GridTrust(anchors, voms);
    }

    /** The certificate login of the {@code /cert} paths, on this trust policy; a new handler per call. */
    public CertificateAuthHandler certificateAuthentication(Authenticator certificates, String requiredRole) {
        return new CertificateAuthHandler(anchors, certificates, voms, requiredRole);
    }

    public TrustSettings settings() {
        return anchors.settings();
    }

    public TrustAnchors anchors() {
        return anchors;
    }

    /** Present when a vomsdir was found at {@link #open}. */
    public Optional<VomsRoles> voms() {
        return Optional.ofNullable(voms);
    }

    @Override
    public void close() {
        if (voms != null) {
            voms.close();
        }
        anchors.close();
    }
}
