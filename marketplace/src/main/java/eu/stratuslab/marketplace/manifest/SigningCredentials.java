package eu.stratuslab.marketplace.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * A private key and its X.509 certificate, used to sign manifest entries. {@link #toString()}
 * never shows the key.
 */
public record SigningCredentials(PrivateKey privateKey, X509Certificate certificate) {

    private static final String ALIAS = "manifest-signer";
    private static final int RFC822_NAME = 1;

    public SigningCredentials {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
    }

    /** Writes a PKCS#12 key store (created with owner-only permissions where the file system allows). */
    public void writePkcs12(Path file, char[] password) throws IOException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, privateKey, password, new Certificate[] {certificate});
            createOwnerOnly(file);
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING)) {
                ks.store(out, password);
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the PKCS#12 key store " + file + ": " + e.getMessage(), e);
        }
    }

    private static void createOwnerOnly(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        try {
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
    }

    /** Reads the first key entry of a PKCS#12 key store. */
    public static SigningCredentials readPkcs12(Path file, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            for (Enumeration<String> aliases = ks.aliases(); aliases.hasMoreElements(); ) {
                String alias = aliases.nextElement();
                Key key = ks.getKey(alias, password);
                if (key instanceof PrivateKey pk && ks.getCertificate(alias) instanceof X509Certificate cert) {
                    return new SigningCredentials(pk, cert);
                }
            }
            throw new IOException("no private key with an X.509 certificate in " + file);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the PKCS#12 key store " + file + ": " + e.getMessage(), e);
        }
    }

    /** The e-mail address of a certificate: a subjectAltName rfc822Name, else the subject's emailAddress. */
    public static Optional<String> emailOf(X509Certificate certificate) {
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> alt : alternatives) {
                    if (alt.size() >= 2 && Integer.valueOf(RFC822_NAME).equals(alt.get(0)) && alt.get(1) instanceof String s) {
                        return Optional.of(s);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // fall back to the subject name
        }
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        for (RDN rdn : subject.getRDNs(BCStyle.EmailAddress)) {
            ASN1Encodable value = rdn.getFirst().getValue();
            return Optional.of(IETFUtils.valueToString(value));
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "SigningCredentials[" + certificate.getSubjectX500Principal().getName() + "]";
    }
}
