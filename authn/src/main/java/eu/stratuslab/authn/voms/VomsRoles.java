package eu.stratuslab.authn.voms;

import eu.emi.security.authn.x509.X509CertChainValidatorExt;
import eu.stratuslab.authn.cert.TrustAnchors;
import org.italiangrid.voms.VOMSValidators;
import org.italiangrid.voms.ac.VOMSACValidator;
import org.italiangrid.voms.ac.VOMSValidationResult;
import org.italiangrid.voms.store.LSCInfo;
import org.italiangrid.voms.store.Updateable;
import org.italiangrid.voms.store.VOMSTrustStore;
import org.italiangrid.voms.store.VOMSTrustStoreStatusListener;
import org.italiangrid.voms.store.VOMSTrustStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Extracts the VOMS FQANs of a proxy chain after validating its attribute certificates against a
 * vomsdir ({@code <vomsdir>/<vo>/<host>.lsc} files or AA certificates, as {@code /etc/grid-security/vomsdir})
 * and the grid trust store. An AC that fails validation (wrong signer, expired, holder mismatch,
 * unknown VO) contributes nothing; it never makes the proxy itself invalid (authn.md §8.3: a VOMS
 * proxy is accepted like any other proxy).
 */
public final class VomsRoles implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VomsRoles.class);

    private final Path vomsDir;
    private final TrustAnchors anchors;
    private VOMSTrustStore store;
    private VOMSACValidator validator;
    private boolean closed;

    private VomsRoles(Path vomsDir, TrustAnchors anchors) {
        this.vomsDir = vomsDir;
        this.anchors = anchors;
    }

    /**
     * @param vomsDir the vomsdir; re-read at the trust store's reload interval
     * @param anchors the grid trust store that validates the VOMS server certificates
     */
    public static VomsRoles open(Path vomsDir, TrustAnchors anchors) {
        if (vomsDir == null || anchors == null) {
            throw new IllegalArgumentException("vomsDir and anchors are required");
        }
        VomsRoles roles = new VomsRoles(vomsDir, anchors);
        roles.currentValidator(); // log configuration problems at start-up rather than on the first request
        return roles;
    }

    /**
     * The FQANs of every valid VOMS attribute certificate in {@code chain} (leaf first), in the order
     * the ACs list them, without duplicates. Empty when the chain carries no valid AC.
     */
    public List<String> fqans(X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            return List.of();
        }
        Optional<VOMSACValidator> v = currentValidator();
        if (v.isEmpty()) {
            return List.of();
        }
        Set<String> result = new LinkedHashSet<>();
        try {
            for (VOMSValidationResult r : v.get().validateWithResult(chain)) {
                if (r.isValid()) {
                    result.addAll(r.getAttributes().getFQANs());
                } else {
                    LOG.warn("ignoring invalid VOMS attribute certificate of {} (VO {}): {}",
                            chain[0].getSubjectX500Principal().getName(), r.getAttributes().getVO(),
                            r.getValidationErrors());
                }
            }
        } catch (RuntimeException e) {
            // a malformed VOMS extension must not break certificate login: the AC is just ignored
            LOG.warn("cannot read VOMS attributes of {}: {}", chain[0].getSubjectX500Principal().getName(), e.toString());
            return List.of();
        }
        return new ArrayList<>(result);
    }

    /** The VO of an FQAN: its first group, {@code /vo.example.org/Role=admin} → {@code vo.example.org}. */
    public static Optional<String> voOf(String fqan) {
        if (fqan == null || !fqan.startsWith("/") || fqan.length() < 2) {
            return Optional.empty();
        }
        int end = fqan.indexOf('/', 1);
        String vo = end < 0 ? fqan.substring(1) : fqan.substring(1, end);
        return vo.isEmpty() || vo.contains("=") ? Optional.empty() : Optional.of(vo);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (validator != null) {
            validator.shutdown();
            validator = null;
        }
        if (store instanceof Updateable updating) {
            updating.cancel(); // stops the vomsdir reload thread
        }
    }

    /** Logs what the vomsdir provides, at debug level (it is re-read at every reload interval). */
    private static final class StoreLogger implements VOMSTrustStoreStatusListener {
        @Override
        public void notifyCertficateLookupEvent(String dir) {
            LOG.debug("looking for VOMS AA certificates in {}", dir);
        }

        @Override
        public void notifyLSCLookupEvent(String dir) {
            LOG.debug("looking for LSC files in {}", dir);
        }

        @Override
        public void notifyCertificateLoadEvent(X509Certificate cert, File file) {
            LOG.debug("loaded VOMS AA certificate {} from {}", cert.getSubjectX500Principal().getName(), file);
        }

        @Override
        public void notifyLSCLoadEvent(LSCInfo lsc, File file) {
            LOG.debug("loaded LSC for VO {} host {} from {}", lsc.getVOName(), lsc.getHostname(), file);
        }
    }

    /** Built lazily: the vomsdir or the CA directory may appear after start-up. */
    private synchronized Optional<VOMSACValidator> currentValidator() {
        if (validator != null || closed) {
            return Optional.ofNullable(validator);
        }
        if (!Files.isDirectory(vomsDir)) {
            LOG.error("vomsdir {} does not exist; VOMS attributes are ignored", vomsDir);
            return Optional.empty();
        }
        Optional<X509CertChainValidatorExt> chainValidator = anchors.validator();
        if (chainValidator.isEmpty()) {
            return Optional.empty();
        }
        try {
            long refresh = anchors.settings().reloadInterval().toMillis();
            store = VOMSTrustStores.newTrustStore(List.of(vomsDir.toString()), refresh, new StoreLogger());
            validator = VOMSValidators.newValidator(store, chainValidator.get());
            LOG.info("VOMS trust store {} opened: VOs {}", vomsDir, store.getAllLSCInfo().keySet());
        } catch (RuntimeException e) {
            LOG.error("cannot read vomsdir {}: {}", vomsDir, e.toString());
            validator = null;
        }
        return Optional.ofNullable(validator);
    }
}
