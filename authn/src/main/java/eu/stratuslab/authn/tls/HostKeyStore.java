package eu.stratuslab.authn.tls;

import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;

/**
 * The host key store: loaded when it exists, otherwise created with a fresh RSA key and a
 * self-signed certificate for the host name (the original StratusLab installer generated such a
 * certificate for port 2634). RSA rather than EC so that old Python 2 clients can still connect.
 */
final class HostKeyStore {

    static final String ALIAS = "stratuslab-host";
    private static final Logger LOG = LoggerFactory.getLogger(HostKeyStore.class);
    private static final Duration VALIDITY = Duration.ofDays(3650);

    private HostKeyStore() {
    }

    /** Every listener of the process (one-proxy, pdisk) and the cloud's own client share one load. */
    private static final LoadedStores LOADED = new LoadedStores();

    /**
     * Key stores read from disk, once per file version. Opening a PKCS12 file derives keys from the
     * password (PBKDF2, 10,000 rounds for the integrity check, the certificates and again for each
     * private key): with the JIT still cold at start that is hundreds of milliseconds per open, and
     * the cloud opens the same file for the one-proxy, pdisk and its own pinned trust. The first
     * open reads the file and unwraps the keys once; callers get an in-memory copy whose entries
     * are protected by the same password in the JKS format, which unwraps without a key derivation.
     * A changed file (modification time or size) is read again.
     */
    static final class LoadedStores {
        private record Version(Path file, long modified, long size) {
        }

        private record Loaded(char[] password, KeyStore store) {
        }

        private final java.util.Map<Version, Loaded> stores = new java.util.HashMap<>(); // guarded by this

        // synchronized: a second caller waits for the load in progress instead of deriving the keys again
        synchronized KeyStore get(Path file, char[] password) throws IOException, GeneralSecurityException {
            Path abs = file.toAbsolutePath().normalize();
            Version v = new Version(abs, Files.getLastModifiedTime(abs).toMillis(), Files.size(abs));
            Loaded known = stores.get(v);
            if (known != null && java.util.Arrays.equals(known.password(), password)) {
                return known.store();
            }
            KeyStore onDisk = KeyStore.getInstance(abs.toFile(), password); // probes PKCS12/JKS; checks the password
            LOG.info("host key store {} loaded", file);
            KeyStore copy = inMemoryCopy(onDisk, password);
            stores.keySet().removeIf(old -> old.file().equals(abs)); // one version per file
            stores.put(v, new Loaded(password.clone(), copy));
            return copy;
        }

        /** The entries in a JKS store held in memory; the store itself when a key has another password. */
        private static KeyStore inMemoryCopy(KeyStore source, char[] password) throws IOException, GeneralSecurityException {
            KeyStore copy = KeyStore.getInstance("JKS");
            copy.load(null, null);
            for (String alias : java.util.Collections.list(source.aliases())) {
                if (source.isKeyEntry(alias)) {
                    java.security.Key key;
                    try {
                        key = source.getKey(alias, password);
                    } catch (java.security.UnrecoverableKeyException e) {
                        return source; // a key under its own password: leave the store as it is
                    }
                    copy.setKeyEntry(alias, key, password, source.getCertificateChain(alias));
                } else {
                    copy.setCertificateEntry(alias, source.getCertificate(alias));
                }
            }
            return copy;
        }
    }

    /** The certificates of an existing host key store, e.g. to pin them as a client. */
    static java.util.Set<X509Certificate> certificates(Path file, char[] password) {
        try {
            KeyStore ks = LOADED.get(file, password);
            java.util.Set<X509Certificate> out = new java.util.HashSet<>();
            for (String alias : java.util.Collections.list(ks.aliases())) {
                if (ks.getCertificate(alias) instanceof X509Certificate c) {
                    out.add(c);
                }
            }
            return out;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the host key store " + file + ": " + e.getMessage(), e);
        }
    }

    /** Synchronized: the cloud builds the one-proxy and pdisk on two threads, and both must get one certificate. */
    static synchronized KeyStore loadOrCreate(Path file, char[] password, String hostName) {
        try {
            if (file != null && Files.exists(file)) {
                return LOADED.get(file, password);
            }
            KeyStore ks = selfSigned(password, hostName);
            if (file == null) {
                LOG.warn("no host key store configured: using an in-memory self-signed certificate for {}", hostName);
            } else {
                store(ks, file, password);
                X509Certificate cert = (X509Certificate) ks.getCertificate(ALIAS);
                LOG.info("generated a self-signed host certificate for {} in {} (SHA-256 fingerprint {})", hostName,
                        file, fingerprint(cert));
            }
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load or create the host key store " + file + ": " + e.getMessage(), e);
        }
    }

    static KeyStore selfSigned(char[] password, String hostName) throws GeneralSecurityException, IOException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair keys = g.generateKeyPair();
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, hostName).build(),
                new BigInteger(63, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(VALIDITY)),
                new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, hostName).build(), keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        int nameType = IPAddress.isValid(hostName) ? GeneralName.iPAddress : GeneralName.dNSName;
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(nameType, hostName)));
        X509Certificate cert;
        try {
            cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256WithRSA").build(keys.getPrivate())));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(ALIAS, keys.getPrivate(), password, new Certificate[] {cert});
        return ks;
    }

    /** Written to a temporary file first (owner-only permissions) and moved into place. */
    private static void store(KeyStore ks, Path file, char[] password) throws IOException, GeneralSecurityException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".keystore", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                LOG.debug("file system without POSIX permissions: {}", dir);
            }
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ks.store(out, password);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static String fingerprint(X509Certificate cert) throws GeneralSecurityException {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    }
}
