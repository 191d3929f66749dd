package eu.stratuslab.authn.cert;

import eu.stratuslab.authn.AuthenticatedUser;
import eu.stratuslab.authn.Authenticator;
import eu.stratuslab.authn.voms.VomsRoles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a validated chain into a user: the JAAS {@code stratuslab-cert} entry is asked about the
 * EEC DN and, when VOMS is configured, about the pseudo-user {@code vo:<name>} of every VO the proxy
 * holds a valid attribute certificate for, so that a site can admit a whole VO with one line
 * ({@code "vo:biomed" cloud-access}). The identity is always the EEC DN; roles are the union of
 * what the modules granted plus the FQANs themselves.
 */
final class CertificateUserLookup {

    static final String VO_PSEUDO_USER_PREFIX = "vo:";
    private static final Logger LOG = LoggerFactory.getLogger(CertificateUserLookup.class);

    private final Authenticator authenticator;
    private final VomsRoles voms;

    CertificateUserLookup(Authenticator authenticator, VomsRoles voms) {
        this.authenticator = authenticator;
        this.voms = voms;
    }

    /** @return the user, or empty when no module accepts the DN nor any of its VOs */
    Optional<AuthenticatedUser> login(String eecDn, X509Certificate[] chain) {
        Set<String> roles = new LinkedHashSet<>();
        boolean accepted = false;
        Optional<AuthenticatedUser> byDn = authenticator.authenticateWithCertificate(eecDn, chain);
        if (byDn.isPresent()) {
            accepted = true;
            roles.addAll(byDn.get().roles());
        }
        if (voms != null) {
            List<String> fqans = voms.fqans(chain);
            if (!fqans.isEmpty()) {
                LOG.info("VOMS attributes of {}: {}", eecDn, fqans);
                Set<String> vos = new LinkedHashSet<>();
                fqans.forEach(f -> VomsRoles.voOf(f).ifPresent(vos::add));
                for (String vo : vos) {
                    Optional<AuthenticatedUser> byVo = authenticator.authenticateWithCertificate(VO_PSEUDO_USER_PREFIX + vo, chain);
                    if (byVo.isPresent()) {
                        accepted = true;
                        roles.addAll(byVo.get().roles());
                    }
                }
                roles.addAll(fqans);
            }
        }
        return accepted ? Optional.of(new AuthenticatedUser(eecDn, roles)) : Optional.empty();
    }
}
