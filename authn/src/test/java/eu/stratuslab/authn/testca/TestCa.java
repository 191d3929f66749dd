package eu.stratuslab.authn.testca;

import eu.emi.security.authn.x509.helpers.trust.OpensslTruststoreHelper;
import eu.emi.security.authn.x509.impl.KeyAndCertCredential;
import eu.emi.security.authn.x509.proxy.ProxyCertificate;
import eu.emi.security.authn.x509.proxy.ProxyCertificateOptions;
import eu.emi.security.authn.x509.proxy.ProxyGenerator;
import eu.emi.security.authn.x509.proxy.ProxyType;
import org.bouncycastle.asn1.x509.AttributeCertificate;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.cert.X509AttributeCertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.italiangrid.voms.asn1.VOMSACGenerator;

import javax.security.auth.x500.X500Principal;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A throw-away grid PKI generated at test time: a CA published in an OpenSSL hash directory (with
 * CRL, EUGridPMA namespaces and Globus signing policy), end-entity certificates (good, e-mail,
 * multi-valued RDN, expired, not yet valid, revoked, outside the CA namespace, from an untrusted
 * CA), RFC 3820 / legacy / draft proxies, a proxy of a proxy, an expired proxy and a VOMS proxy
 * whose attribute certificate is signed by a test VOMS server described in a vomsdir (LSC file).
 *
 * <p>Self-contained on purpose (Bouncy Castle, canl and voms-api-java only) so that other modules can
 * copy it. Generating the keys takes a second or two; create one instance per test class.
 */
public final class TestCa {

    /** A private key and its certificate chain, leaf first. */
    public record Credential(String name, PrivateKey key, X509Certificate[] chain) {
        public X509Certificate leaf() {
            return chain[0];
        }

        /** Writes the chain (leaf first) and the unencrypted PKCS#8 key as PEM, as Python/OpenSSL reads them. */
        public void writePem(Path certFile, Path keyFile) throws IOException {
            StringBuilder certs = new StringBuilder();
            for (X509Certificate c : chain) {
                certs.append(pem(c));
            }
            Files.writeString(certFile, certs.toString(), StandardCharsets.US_ASCII);
            Files.writeString(keyFile, pem(key), StandardCharsets.US_ASCII);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    public static final String CA_DN = "CN=StratusLab Test CA, O=StratusLab, C=EU";
    public static final String USER_DN = "CN=Jane Tester, OU=LAL, O=CNRS, C=FR";
    public static final String EMAIL_USER_DN = "EMAILADDRESS=jane@example.org, CN=Jane Tester, OU=LAL, O=CNRS, C=FR";
    public static final String MULTI_RDN_USER_DN = "CN=Jean + UID=jd, OU=\"Ops, Inc\", DC=example, DC=org";
    public static final String VOMS_SERVER_DN = "CN=voms.example.org, O=StratusLab, C=EU";
    public static final String VO = "vo.example.org";
    public static final String VOMS_HOST = "voms.example.org";
    public static final List<String> FQANS = List.of("/vo.example.org", "/vo.example.org/Role=admin");

    private static final String SIGNATURE = "SHA256WithRSA";
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private final Path caDir;
    private final Path vomsDir;
    private final KeyPair caKeys;
    private final X509Certificate caCert;
    private final List<X509Certificate> revoked = new ArrayList<>();

    public final Credential user;
    public final Credential emailUser;
    public final Credential multiRdnUser;
    public final Credential expired;
    public final Credential notYetValid;
    public final Credential revokedUser;
    public final Credential outsideNamespace;
    public final Credential untrusted;
    public final Credential rfcProxy;
    public final Credential legacyProxy;
    public final Credential draftProxy;
    public final Credential limitedProxy;
    public final Credential proxyOfProxy;
    public final Credential expiredProxy;
    public final Credential untrustedProxy;
    public final Credential vomsServer;
    public final Credential vomsProxy;

    private TestCa(Path root) throws Exception {
        caDir = Files.createDirectories(root.resolve("certificates"));
        vomsDir = Files.createDirectories(root.resolve("vomsdir"));
        Instant now = Instant.now();
        caKeys = newKeyPair();
        caCert = caCertificate(new X500Principal(CA_DN), caKeys, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));

        user = issue("user", USER_DN, now, Duration.ofDays(30));
        emailUser = issue("email user", EMAIL_USER_DN, now, Duration.ofDays(30));
        multiRdnUser = issue("multi-valued RDN user", MULTI_RDN_USER_DN, now, Duration.ofDays(30));
        expired = issueBetween("expired EEC", "CN=Old Timer, OU=LAL, O=CNRS, C=FR",
                now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
        notYetValid = issueBetween("not-yet-valid EEC", "CN=Early Bird, OU=LAL, O=CNRS, C=FR",
                now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
        revokedUser = issue("revoked EEC", "CN=Revoked Person, OU=LAL, O=CNRS, C=FR", now, Duration.ofDays(30));
        outsideNamespace = issue("EEC outside the CA namespace", "CN=Eve Outsider, O=Other, C=US", now, Duration.ofDays(30));
        vomsServer = issue("VOMS server", VOMS_SERVER_DN, now, Duration.ofDays(30));

        KeyPair rogueKeys = newKeyPair();
        X509Certificate rogueCa = caCertificate(new X500Principal("CN=Rogue CA, O=Elsewhere, C=XX"), rogueKeys,
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
        untrusted = endEntity("EEC from an untrusted CA", "CN=Mallory, O=Elsewhere, C=XX", rogueCa, rogueKeys.getPrivate(),
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));

        rfcProxy = proxy("RFC 3820 proxy", user, ProxyType.RFC3820, false, null, null);
        legacyProxy = proxy("legacy Globus proxy", user, ProxyType.LEGACY, false, null, null);
        draftProxy = proxy("GT3 draft proxy", user, ProxyType.DRAFT_RFC, false, null, null);
        limitedProxy = proxy("limited legacy proxy", user, ProxyType.LEGACY, true, null, null);
        proxyOfProxy = proxy("proxy of a proxy", rfcProxy, ProxyType.RFC3820, false, null, null);
        expiredProxy = proxy("expired proxy", user, ProxyType.RFC3820, false,
                new Date[] {Date.from(now.minus(Duration.ofHours(5))), Date.from(now.minus(Duration.ofHours(1)))}, null);
        untrustedProxy = proxy("proxy of an untrusted EEC", untrusted, ProxyType.RFC3820, false, null, null);
        vomsProxy = proxy("VOMS proxy", user, ProxyType.RFC3820, false, null, attributeCertificate(user.leaf(), now));

        revoked.add(revokedUser.leaf());
        publishTrustDirectory();
        publishVomsDirectory();
    }

    private static TestCa shared;

    /**
     * One PKI per test JVM, in a temporary directory removed at exit: key generation dominates test
     * time. Tests may add certificates or revoke fresh ones, never change the predefined credentials.
     */
    public static synchronized TestCa shared() throws Exception {
        if (shared == null) {
            Path root = Files.createTempDirectory("stratuslab-testca");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(root)));
            shared = create(root);
        }
        return shared;
    }

    private static void deleteRecursively(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at JVM exit
        }
    }

    /** Generates the whole PKI under {@code root} (which must exist). */
    public static TestCa create(Path root) throws Exception {
        return new TestCa(root);
    }

    /** CA directory in OpenSSL hash layout: {@code <hash>.0}, {@code <hash>.r0}, {@code .namespaces}, {@code .signing_policy}. */
    public Path caDir() {
        return caDir;
    }

    /** Copies the CA directory's files into {@code dir} (created if missing), as a site installs a CA. */
    public void installCaFiles(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(caDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
    }

    /** vomsdir with {@code <vo>/<host>.lsc}. */
    public Path vomsDir() {
        return vomsDir;
    }

    public X509Certificate caCertificate() {
        return caCert;
    }

    /** Adds {@code cert} to the CA's CRL and republishes it (for reload tests). */
    public synchronized void revoke(X509Certificate cert) throws Exception {
        revoked.add(cert);
        writeCrl();
    }

    /** Every credential with a verdict expectation, for matrix tests. */
    public Map<Credential, Boolean> expectedValidity() {
        Map<Credential, Boolean> m = new java.util.LinkedHashMap<>();
        for (Credential good : List.of(user, emailUser, multiRdnUser, rfcProxy, legacyProxy, draftProxy, limitedProxy,
                proxyOfProxy, vomsProxy)) {
            m.put(good, true);
        }
        for (Credential bad : List.of(expired, notYetValid, revokedUser, outsideNamespace, untrusted, expiredProxy,
                untrustedProxy)) {
            m.put(bad, false);
        }
        return m;
    }

    public static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    // ---- generation -------------------------------------------------------------------------

    /** Valid, and listed in no test's certificate file: admitted only through its VO (the {@code vo:} pseudo-user). */
    public static final String VO_MEMBER_DN = "CN=Vo Member, OU=LAL, O=CNRS, C=FR";

    private Credential voMember;
    private Credential voMemberProxy;
    private Credential outsiderProxy;

    /** The user {@link #VO_MEMBER_DN}, issued once per PKI. */
    public synchronized Credential voMember() throws Exception {
        if (voMember == null) {
            voMember = issue("VO member", VO_MEMBER_DN);
        }
        return voMember;
    }

    /** A VOMS proxy of {@link #voMember()} carrying {@link #FQANS}. */
    public synchronized Credential voMemberProxy() throws Exception {
        if (voMemberProxy == null) {
            voMemberProxy = vomsProxyOf(voMember());
        }
        return voMemberProxy;
    }

    /** An RFC 3820 proxy of {@link #outsideNamespace}: refused exactly when the namespace policy applies. */
    public synchronized Credential outsiderProxy() throws Exception {
        if (outsiderProxy == null) {
            outsiderProxy = proxyOf(outsideNamespace, ProxyType.RFC3820);
        }
        return outsiderProxy;
    }

    /** Issues a fresh EEC (valid from an hour ago for 30 days) from the trusted test CA. */
    public Credential issue(String name, String dn) throws Exception {
        return issue(name, dn, Instant.now(), Duration.ofDays(30));
    }

    private Credential issue(String name, String dn, Instant now, Duration lifetime) throws Exception {
        return issueBetween(name, dn, now.minus(Duration.ofHours(1)), now.plus(lifetime));
    }

    private Credential issueBetween(String name, String dn, Instant notBefore, Instant notAfter) throws Exception {
        return endEntity(name, dn, caCert, caKeys.getPrivate(), notBefore, notAfter);
    }

    private static Credential endEntity(String name, String dn, X509Certificate issuer, PrivateKey issuerKey,
            Instant notBefore, Instant notAfter) throws Exception {
        KeyPair keys = newKeyPair();
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer.getSubjectX500Principal(), nextSerial(),
                Date.from(notBefore), Date.from(notAfter), new X500Principal(dn), keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.dataEncipherment));
        b.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth}));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer));
        X509Certificate cert = sign(b, issuerKey);
        return new Credential(name, keys.getPrivate(), new X509Certificate[] {cert, issuer});
    }

    private static X509Certificate caCertificate(X500Principal dn, KeyPair keys, Instant notBefore, Instant notAfter)
            throws Exception {
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(dn, nextSerial(), Date.from(notBefore),
                Date.from(notAfter), dn, keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        return sign(b, keys.getPrivate());
    }

    /** A fresh proxy (12 h) of {@code parent}, which may itself be a proxy. */
    public Credential proxyOf(Credential parent, ProxyType type) throws Exception {
        return proxy(type + " proxy of " + parent.name(), parent, type, false, null, null);
    }

    /** A fresh RFC 3820 proxy of {@code eec} carrying a VOMS AC for {@link #VO} with {@link #FQANS}. */
    public Credential vomsProxyOf(Credential eec) throws Exception {
        return proxy("VOMS proxy of " + eec.name(), eec, ProxyType.RFC3820, false, null,
                attributeCertificate(eec.leaf(), Instant.now()));
    }

    private static Credential proxy(String name, Credential parent, ProxyType type, boolean limited, Date[] validity,
            AttributeCertificate ac) throws Exception {
        ProxyCertificateOptions options = new ProxyCertificateOptions(parent.chain());
        options.setType(type);
        options.setLimited(limited);
        options.setKeyLength(2048); // OpenSSL 3 (security level 2) refuses 1024-bit keys in client chains
        if (validity != null) {
            options.setValidityBounds(validity[0], validity[1]);
        } else {
            options.setLifetime(12 * 3600);
        }
        if (ac != null) {
            options.setAttributeCertificates(new AttributeCertificate[] {ac});
        }
        ProxyCertificate proxy = ProxyGenerator.generate(options, parent.key());
        return new Credential(name, proxy.getPrivateKey(), proxy.getCertificateChain());
    }

    private AttributeCertificate attributeCertificate(X509Certificate holder, Instant now) throws Exception {
        // Only the AA certificate itself: the LSC file describes a one-certificate chain (subject, issuer).
        VOMSACGenerator generator = new VOMSACGenerator(
                new KeyAndCertCredential(vomsServer.key(), new X509Certificate[] {vomsServer.leaf()}));
        X509AttributeCertificateHolder ac = generator.generateVOMSAttributeCertificate(FQANS, List.of(), List.of(),
                holder, nextSerial(), Date.from(now.minus(Duration.ofMinutes(10))), Date.from(now.plus(Duration.ofHours(12))),
                VO, VOMS_HOST, 15000);
        return ac.toASN1Structure();
    }

    private void publishTrustDirectory() throws Exception {
        String hash = hash();
        Files.writeString(caDir.resolve(hash + ".0"), pem(caCert), StandardCharsets.US_ASCII);
        writeCrl();
        // EUGridPMA namespaces and Globus signing policy, as IGTF distributes them.
        Files.writeString(caDir.resolve(hash + ".namespaces"),
                "TO Issuer \"/C=EU/O=StratusLab/CN=StratusLab Test CA\" \\\n"
                        + "  PERMIT Subject \"/C=FR/O=CNRS/.*\"\n"
                        + "TO Issuer \"/C=EU/O=StratusLab/CN=StratusLab Test CA\" \\\n"
                        + "  PERMIT Subject \"/C=EU/O=StratusLab/.*\"\n"
                        + "TO Issuer \"/C=EU/O=StratusLab/CN=StratusLab Test CA\" \\\n"
                        + "  PERMIT Subject \"/DC=org/DC=example/.*\"\n",
                StandardCharsets.US_ASCII);
        Files.writeString(caDir.resolve(hash + ".signing_policy"),
                "access_id_CA      X509         '/C=EU/O=StratusLab/CN=StratusLab Test CA'\n"
                        + "pos_rights        globus        CA:sign\n"
                        + "cond_subjects     globus       '\"/C=FR/O=CNRS/*\" \"/C=EU/O=StratusLab/*\" \"/DC=org/DC=example/*\"'\n",
                StandardCharsets.US_ASCII);
    }

    private synchronized void writeCrl() throws Exception {
        Date now = new Date();
        X509v2CRLBuilder b = new JcaX509v2CRLBuilder(caCert.getSubjectX500Principal(), new Date(now.getTime() - 60_000));
        b.setNextUpdate(new Date(now.getTime() + Duration.ofDays(7).toMillis()));
        for (X509Certificate c : revoked) {
            b.addCRLEntry(c.getSerialNumber(), new Date(now.getTime() - 60_000), CRLReason.keyCompromise);
        }
        b.addExtension(Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(caCert));
        b.addExtension(Extension.cRLNumber, false, new CRLNumber(nextSerial()));
        X509CRL crl = new JcaX509CRLConverter().getCRL(b.build(signer(caKeys.getPrivate())));
        Path target = caDir.resolve(hash() + ".r0");
        Path tmp = caDir.resolve(".crl.tmp");
        Files.writeString(tmp, pem(crl), StandardCharsets.US_ASCII);
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private void publishVomsDirectory() throws IOException {
        Path voDir = Files.createDirectories(vomsDir.resolve(VO));
        try (Writer w = Files.newBufferedWriter(voDir.resolve(VOMS_HOST + ".lsc"), StandardCharsets.US_ASCII)) {
            w.write("/C=EU/O=StratusLab/CN=voms.example.org\n");
            w.write("/C=EU/O=StratusLab/CN=StratusLab Test CA\n");
        }
    }

    private String hash() {
        return OpensslTruststoreHelper.getOpenSSLCAHash(caCert.getSubjectX500Principal(), true);
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey key) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer(key)));
    }

    private static ContentSigner signer(PrivateKey key) throws Exception {
        return new JcaContentSignerBuilder(SIGNATURE).build(key);
    }

    private static KeyPair newKeyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static BigInteger nextSerial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet());
    }
}
