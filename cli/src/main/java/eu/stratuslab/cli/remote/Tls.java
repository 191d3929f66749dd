package eu.stratuslab.cli.remote;

import eu.stratuslab.cli.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.SSLEngine;
import eu.stratuslab.infra.tls.ClientSideTrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * TLS of the CLI. Server certificates are always verified, for the cloud and for pdisk alike (the
 * legacy client did not verify pdisk's): against the JDK's CA store plus, optionally, the
 * certificates of a PEM file ({@code --ca-certificate}, {@code ca_certificate},
 * {@code $STRATUSLAB_CA_CERTIFICATE}) — how a user trusts a site's self-signed certificate.
 * In certificate mode the user's PEM pair or PKCS#12 file is the client key.
 */
public final class Tls {
    private Tls() {
    }

    public static SSLContext context(String caFile, Path pemCert, Path pemKey, Path p12, String p12Password)
            throws CliException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keyManagers(pemCert, pemKey, p12, p12Password), trustManagers(caFile), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new CliException("TLS setup failed: " + e.getMessage(), e);
        }
    }

    private static TrustManager[] trustManagers(String caFile) throws GeneralSecurityException, CliException {
        if (caFile == null || caFile.isBlank()) {
            return new TrustManager[] {new LayeredTrust(null)};
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int n = 0;
        for (Certificate c : readCertificates(Path.of(caFile))) {
            store.setCertificateEntry("user-" + n++, c);
        }
        return new TrustManager[] {new LayeredTrust(store)};
    }

    /** The default trust manager of the JDK for {@code store} (null: the system CA store). */
    static X509ExtendedTrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /**
     * The user's certificates first, then the system CA store, which is loaded only when the user's
     * do not vouch for the server: reading the system store costs more start-up time than a whole
     * CLI run when a site's own certificate is configured. Both checks are the JDK's own (path
     * validation and, on connections, host name verification).
     */
    static final class LayeredTrust extends ClientSideTrustManager {
        private final X509ExtendedTrustManager user;
        private X509ExtendedTrustManager system;

        LayeredTrust(KeyStore userStore) throws GeneralSecurityException {
            super("the CLI does not accept client connections");
            this.user = userStore == null ? null : trustManager(userStore);
        }

        private synchronized X509ExtendedTrustManager system() throws CertificateException {
            if (system == null) {
                try {
                    system = trustManager(null);
                } catch (GeneralSecurityException e) {
                    throw new CertificateException("cannot load the system CA certificates: " + e.getMessage(), e);
                }
            }
            return system;
        }

        private interface Check {
            void run(X509ExtendedTrustManager tm) throws CertificateException;
        }

        private void check(Check check) throws CertificateException {
            if (user != null) {
                try {
                    check.run(user);
                    return;
                } catch (CertificateException notOurs) {
                    // fall through to the system store
                }
            }
            check.run(system());
        }

        @Override
        protected void checkServer(X509Certificate[] chain, String authType, Socket socket, SSLEngine engine)
                throws CertificateException {
            check(tm -> checkServerWith(tm, chain, authType, socket, engine));
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return user != null ? user.getAcceptedIssuers() : new X509Certificate[0];
        }
    }

    private static Collection<? extends Certificate> readCertificates(Path file) throws CliException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new CliException("no certificate in " + file);
            }
            return certs;
        } catch (IOException e) {
            throw new CliException("Can't read CA certificate file " + file + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new CliException("Can't read CA certificate file " + file + ": " + e.getMessage());
        }
    }

    private static KeyManager[] keyManagers(Path pemCert, Path pemKey, Path p12, String p12Password)
            throws GeneralSecurityException, CliException {
        if (pemCert == null && p12 == null) {
            return null;
        }
        KeyStore ks;
        char[] password;
        if (p12 != null) {
            password = p12Password == null ? new char[0] : p12Password.toCharArray();
            ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(p12)) {
                ks.load(in, password);
            } catch (IOException e) {
                throw new CliException("Can't read certificate file " + p12 + ": " + e.getMessage());
            }
        } else {
            password = new char[0];
            List<Certificate> chain = new ArrayList<>(readCertificates(pemCert));
            ks = KeyStore.getInstance("PKCS12");
            try {
                ks.load(null, null);
            } catch (IOException e) {
                throw new GeneralSecurityException(e);
            }
            ks.setKeyEntry("user", readPrivateKey(pemKey), password, chain.toArray(Certificate[]::new));
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        return kmf.getKeyManagers();
    }

    /** An unencrypted PEM private key (PKCS#1 or PKCS#8), as grid user keys without passphrase are. */
    private static PrivateKey readPrivateKey(Path file) throws CliException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(r)) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new CliException("Can't read private key file " + file
                    + ": not an unencrypted PEM private key");
        } catch (IOException e) {
            throw new CliException("Can't read private key file " + file + ": " + e.getMessage());
        }
    }
}
