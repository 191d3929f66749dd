package eu.stratuslab.marketplace.manifest;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorException;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.keyinfo.X509Data;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Enveloped XML signatures of manifest entries (JDK {@code javax.xml.crypto.dsig}): the
 * {@code ds:Signature} is the last child of {@code rdf:RDF}, its single reference is the whole
 * document ({@code URI=""}, enveloped transform, exclusive canonicalisation, SHA-256), the signature
 * method is RSA-SHA256 (ECDSA-SHA256 for EC keys), and the signer's X.509 certificate travels in
 * {@code KeyInfo}. Exclusive canonicalisation keeps the signature valid when the entry is embedded
 * in, and later extracted from, a {@code <metadata>} document.
 */
public final class ManifestSigner {

    private static final String SECURE_VALIDATION = "org.jcp.xml.dsig.secureValidation";
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SigningCredentials credentials;

    public ManifestSigner(SigningCredentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /** A signed copy of {@code entry} (an earlier signature is replaced). */
    public ManifestEntry sign(ManifestEntry entry) throws ManifestException {
        return ManifestEntry.of(signedDocument(entry));
    }

    /** The signed entry as a standalone XML document (what {@link MarketplaceClient#upload} sends). */
    public byte[] signToXml(ManifestEntry entry) throws ManifestException {
        return Xml.serialize(signedDocument(entry));
    }

    private Document signedDocument(ManifestEntry entry) throws ManifestException {
        // withText on an unchanged value would keep the signature; a serialise-parse round trip
        // of an unsigned copy gives the exact DOM a verifier will see
        Document doc = Xml.parse(unsignedXml(entry), Integer.MAX_VALUE);
        XMLSignatureFactory fac = XMLSignatureFactory.getInstance("DOM");
        try {
            Reference ref = fac.newReference("", fac.newDigestMethod(DigestMethod.SHA256, null),
                    List.of(fac.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                            fac.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)),
                    null, null);
            SignedInfo signedInfo = fac.newSignedInfo(
                    fac.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                    fac.newSignatureMethod(signatureMethodFor(credentials.privateKey()), null), List.of(ref));
            KeyInfoFactory kif = fac.getKeyInfoFactory();
            X509Certificate cert = credentials.certificate();
            X509Data data = kif.newX509Data(List.of(cert.getSubjectX500Principal().getName(), cert));
            KeyInfo keyInfo = kif.newKeyInfo(List.of(data));
            DOMSignContext context = new DOMSignContext(credentials.privateKey(), doc.getDocumentElement());
            context.setDefaultNamespacePrefix("ds");
            fac.newXMLSignature(signedInfo, keyInfo).sign(context);
            return doc;
        } catch (GeneralSecurityException | MarshalException | XMLSignatureException e) {
            throw new ManifestException("cannot sign the manifest entry: " + e.getMessage(), e);
        }
    }

    private static byte[] unsignedXml(ManifestEntry entry) {
        Document copy = entry.document();
        NodeList signatures = copy.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature");
        while (signatures.getLength() > 0) {
            signatures.item(0).getParentNode().removeChild(signatures.item(0));
        }
        return Xml.serialize(copy);
    }

    private static String signatureMethodFor(Key key) {
        return switch (key.getAlgorithm().toUpperCase(Locale.ROOT)) {
            case "RSA" -> SignatureMethod.RSA_SHA256;
            case "EC" -> SignatureMethod.ECDSA_SHA256;
            default -> throw new IllegalArgumentException("unsupported signing key algorithm " + key.getAlgorithm());
        };
    }

    // ---------------------------------------------------------------- throw-away certificate

    /**
     * A new RSA 2048 key and a self-signed certificate for it: subject {@code CN=<cn>,
     * E=<email>}, subjectAltName {@code rfc822Name=<email>}, valid from five minutes ago (clock
     * skew) for {@code validityDays} days (hooks.md §4.2: CN {@code Jane Tester}, e-mail
     * {@code jane.tester@example.org}, {@code built_image_validity_period} days).
     */
    public static SigningCredentials throwAwayCertificate(String cn, String email, int validityDays) {
        if (validityDays <= 0) {
            throw new IllegalArgumentException("validityDays must be positive: " + validityDays);
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.CN, Objects.requireNonNull(cn, "cn"))
                    .addRDN(BCStyle.EmailAddress, Objects.requireNonNull(email, "email"))
                    .build();
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(63, RANDOM),
                    Date.from(now.minus(CLOCK_SKEW)), Date.from(now.plus(Duration.ofDays(validityDays))), subject,
                    pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            return new SigningCredentials(pair.getPrivate(), certificate);
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot create a throw-away signing certificate", e);
        }
    }

    // ---------------------------------------------------------------- verification

    /** Verifies a signed entry; see {@link #verify(Document)}. */
    public static X509Certificate verify(ManifestEntry entry) throws ManifestException {
        return verify(entry.toXml());
    }

    /**
     * Verifies a signed entry given as XML: a document whose root is the {@code rdf:RDF}, or a
     * {@code <metadata>} document holding exactly one entry.
     */
    public static X509Certificate verify(byte[] xml) throws ManifestException {
        Document doc = Xml.parse(xml, Manifest.DEFAULT_MAX_BYTES);
        Element root = doc.getDocumentElement();
        if (ManifestNamespaces.RDF.equals(root.getNamespaceURI()) && "RDF".equals(root.getLocalName())) {
            return verify(doc);
        }
        Manifest manifest = Manifest.parse(xml);
        if (manifest.entries().size() != 1) {
            throw new ManifestException("exactly one manifest entry can be verified at a time, found "
                    + manifest.entries().size());
        }
        return verify(Xml.parse(manifest.entries().get(0).toXml(), Integer.MAX_VALUE));
    }

    /** Like {@link #verify(byte[])}, and the signer certificate must be valid at {@code at}. */
    public static X509Certificate verify(byte[] xml, Instant at) throws ManifestException {
        X509Certificate certificate = verify(xml);
        try {
            certificate.checkValidity(Date.from(at));
        } catch (CertificateExpiredException e) {
            throw new ManifestException("the signer certificate expired on " + certificate.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw new ManifestException("the signer certificate is not valid before "
                    + certificate.getNotBefore().toInstant());
        }
        return certificate;
    }

    /**
     * Verifies the enveloped signature of a document whose root is one {@code rdf:RDF} entry and
     * returns the signer's certificate (taken from {@code KeyInfo}; it is not checked against any
     * trust anchor — marketplace entries are signed with self-signed certificates).
     *
     * @throws ManifestException when the entry is unsigned, the signature does not cover the whole
     *         entry, or the content or the signature value does not match
     */
    public static X509Certificate verify(Document document) throws ManifestException {
        NodeList signatures = document.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature");
        if (signatures.getLength() == 0) {
            throw new ManifestException("the manifest entry is not signed: no XML signature (ds:Signature) found");
        }
        if (signatures.getLength() > 1) {
            throw new ManifestException("the manifest entry holds " + signatures.getLength()
                    + " XML signatures; exactly one is expected");
        }
        Element signatureElement = (Element) signatures.item(0);
        if (signatureElement.getParentNode() != document.getDocumentElement()) {
            throw new ManifestException("the XML signature must be a child of the rdf:RDF element (enveloped signature)");
        }
        CertificateFromKeyInfo selector = new CertificateFromKeyInfo();
        DOMValidateContext context = new DOMValidateContext(selector, signatureElement);
        context.setProperty(SECURE_VALIDATION, Boolean.TRUE);
        XMLSignatureFactory fac = XMLSignatureFactory.getInstance("DOM");
        XMLSignature signature;
        try {
            signature = fac.unmarshalXMLSignature(context);
        } catch (MarshalException e) {
            throw new ManifestException("malformed XML signature: " + e.getMessage(), e);
        }
        requireWholeDocumentReference(signature);
        boolean valid;
        try {
            valid = signature.validate(context);
        } catch (XMLSignatureException e) {
            Throwable cause = e.getCause() instanceof KeySelectorException ? e.getCause() : e;
            throw new ManifestException("the XML signature cannot be checked: " + cause.getMessage(), e);
        }
        if (!valid) {
            boolean valueOk;
            try {
                valueOk = signature.getSignatureValue().validate(context);
            } catch (XMLSignatureException e) {
                valueOk = false;
            }
            throw new ManifestException(valueOk
                    ? "the manifest entry was modified after it was signed (digest mismatch)"
                    : "the signature value does not match the signer certificate's key");
        }
        return selector.certificate;
    }

    /** A signature over anything less than the whole entry would let unsigned content through. */
    private static void requireWholeDocumentReference(XMLSignature signature) throws ManifestException {
        List<?> references = signature.getSignedInfo().getReferences();
        if (references.size() != 1) {
            throw new ManifestException("the XML signature must have exactly one reference (the whole entry), found "
                    + references.size());
        }
        Reference ref = (Reference) references.get(0);
        if (ref.getURI() != null && !ref.getURI().isEmpty()) {
            throw new ManifestException("the XML signature must cover the whole entry (Reference URI=\"\"), not "
                    + ref.getURI());
        }
        List<Transform> transforms = ref.getTransforms();
        if (transforms.stream().noneMatch(t -> Transform.ENVELOPED.equals(t.getAlgorithm()))) {
            throw new ManifestException("the XML signature must be an enveloped signature");
        }
    }

    /** Takes the verification key from the X.509 certificate in KeyInfo, and remembers it. */
    private static final class CertificateFromKeyInfo extends KeySelector {
        X509Certificate certificate;

        @Override
        public KeySelectorResult select(KeyInfo keyInfo, Purpose purpose, AlgorithmMethod method,
                XMLCryptoContext context) throws KeySelectorException {
            if (keyInfo == null) {
                throw new KeySelectorException("no KeyInfo: the signer certificate is missing");
            }
            for (Object item : keyInfo.getContent()) {
                if (item instanceof X509Data data) {
                    for (Object content : data.getContent()) {
                        if (content instanceof X509Certificate cert) {
                            PublicKey key = cert.getPublicKey();
                            if (!matches(method.getAlgorithm(), key)) {
                                throw new KeySelectorException("the certificate's " + key.getAlgorithm()
                                        + " key does not fit the signature method " + method.getAlgorithm());
                            }
                            certificate = cert;
                            return () -> key;
                        }
                    }
                }
            }
            throw new KeySelectorException("no X.509 certificate in KeyInfo");
        }

        private static boolean matches(String signatureMethod, PublicKey key) {
            String uri = signatureMethod.toLowerCase(Locale.ROOT);
            return switch (key.getAlgorithm().toUpperCase(Locale.ROOT)) {
                case "RSA" -> uri.contains("rsa");
                case "EC" -> uri.contains("ecdsa");
                default -> false;
            };
        }
    }
}
