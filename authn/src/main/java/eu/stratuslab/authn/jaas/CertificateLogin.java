package eu.stratuslab.authn.jaas;

import java.security.cert.X509Certificate;

/** The RFC 2253 DN of the EEC and the (possibly null) chain obtained from a callback handler. */
public record CertificateLogin(String dn, X509Certificate[] chain) {
}
