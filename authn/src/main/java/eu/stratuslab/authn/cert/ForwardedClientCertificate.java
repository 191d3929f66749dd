package eu.stratuslab.authn.cert;

import eu.emi.security.authn.x509.proxy.ProxyUtils;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import javax.security.auth.x500.X500Principal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code X-Client-Certificate} header a TLS-terminating reverse proxy adds (authn.md §8.4):
 * PEM whose continuation lines are indented by tabs (nginx {@code $ssl_client_cert}) or URL-encoded
 * PEM ({@code $ssl_client_escaped_cert}), one certificate or a chain, leaf first.
 */
final class ForwardedClientCertificate {

    static final String HEADER = "X-Client-Certificate";
    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", Pattern.DOTALL);
    private static final Pattern PROXY_CN = Pattern.compile("proxy|limited proxy|[0-9]+");

    private ForwardedClientCertificate() {
    }

    /** @return the certificates of the header, leaf first; empty when the value holds none or is malformed */
    static Optional<X509Certificate[]> parse(String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            return Optional.empty();
        }
        String pem = headerValue.contains("%") ? percentDecode(headerValue) : headerValue;
        List<X509Certificate> certs = new ArrayList<>();
        Matcher m = PEM_BLOCK.matcher(pem);
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            while (m.find()) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(1).replaceAll("\\s", ""));
                certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return certs.isEmpty() ? Optional.empty() : Optional.of(certs.toArray(new X509Certificate[0]));
    }

    /**
     * The identity of a forwarded chain: the EEC subject when the chain contains it; for a lone proxy
     * leaf, its subject with all leading {@code CN=proxy}, {@code CN=limited proxy} and
     * {@code CN=<digits>} RDNs removed. Both in RFC 2253 form.
     */
    static String identity(X509Certificate[] chain) {
        X509Certificate eec = ProxyUtils.getEndUserCertificate(chain);
        if (eec != null) {
            return eec.getSubjectX500Principal().getName();
        }
        return stripProxyRdns(chain[0].getSubjectX500Principal());
    }

    static String stripProxyRdns(X500Principal subject) {
        RDN[] rdns = X500Name.getInstance(subject.getEncoded()).getRDNs();
        int end = rdns.length; // DER order: the most specific RDN (written first in RFC 2253) is last
        while (end > 1 && isProxyRdn(rdns[end - 1])) {
            end--;
        }
        try {
            byte[] der = new X500Name(Arrays.copyOf(rdns, end)).getEncoded(ASN1Encoding.DER);
            return new X500Principal(der).getName();
        } catch (IOException e) {
            throw new IllegalStateException("cannot re-encode " + subject, e);
        }
    }

    private static boolean isProxyRdn(RDN rdn) {
        return !rdn.isMultiValued() && BCStyle.CN.equals(rdn.getFirst().getType())
                && PROXY_CN.matcher(IETFUtils.valueToString(rdn.getFirst().getValue())).matches();
    }

    /** Decodes %XX escapes only: '+' is a base64 character here, not a space. */
    private static String percentDecode(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length() && isHex(value.charAt(i + 1)) && isHex(value.charAt(i + 2))) {
                out.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
