package eu.stratuslab.authn.cert;

import java.security.cert.X509Certificate;

/**
 * Outcome of {@link TrustAnchors#verify}: whether the chain is trusted, the end-entity DN in
 * RFC 2253 form ({@code X500Principal.getName()}, authn.md §9; null when invalid), the chain as
 * presented (leaf first) and, when invalid, a human-readable reason for the log.
 */
public record CertificateVerdict(boolean valid, String eecDn, X509Certificate[] chain, String reason) {

    static CertificateVerdict accepted(String eecDn, X509Certificate[] chain) {
        return new CertificateVerdict(true, eecDn, chain, null);
    }

    static CertificateVerdict rejected(X509Certificate[] chain, String reason) {
        return new CertificateVerdict(false, null, chain, reason);
    }
}
