package eu.stratuslab.authn.tls;

import eu.stratuslab.authn.testca.TestCa;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

public class ServerTlsTest {

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void generatesAndThenReusesTheHostKeyStore() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("etc/stratuslab/host.p12");
        TlsSettings settings = new TlsSettings(file, "s3cret".toCharArray(), tmp.getRoot().toPath(), "cloud.example.org");
        ServerTls.create(settings);
        assertTrue(Files.exists(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        X509Certificate cert = (X509Certificate) KeyStore.getInstance(file.toFile(), "s3cret".toCharArray())
                .getCertificate(HostKeyStore.ALIAS);
        assertEquals("CN=cloud.example.org", cert.getSubjectX500Principal().getName());
        assertEquals(List.of(List.of(2, "cloud.example.org")), List.copyOf(cert.getSubjectAlternativeNames()));

        byte[] before = Files.readAllBytes(file);
        ServerTls.create(settings);
        assertArrayEquals("an existing key store is never replaced", before, Files.readAllBytes(file));
    }

    @Test
    public void anExistingKeyStoreIsReadOnceAndAgainOnlyWhenTheFileChanges() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("once.p12");
        char[] pw = "s3cret".toCharArray();
        ServerTls.create(new TlsSettings(file, pw, null, "localhost")); // generated and written
        KeyStore first = HostKeyStore.loadOrCreate(file, pw, "localhost");
        assertTrue("the same file version is not read again",
                first == HostKeyStore.loadOrCreate(file, pw, "localhost"));
        assertEquals(ServerTls.hostCertificates(file, pw), Set.of(first.getCertificate(HostKeyStore.ALIAS)));
        // the in-memory copy still holds the private key under the same password
        assertTrue(first.getKey(HostKeyStore.ALIAS, pw) instanceof java.security.PrivateKey);
        try {
            HostKeyStore.loadOrCreate(file, "wrong".toCharArray(), "localhost");
            fail("a cached load must not skip the password check");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains(file.toString()));
        }

        Path other = tmp.getRoot().toPath().resolve("other.p12");
        ServerTls.create(new TlsSettings(other, pw, null, "replacement.example.org"));
        Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(file).toMillis() + 5_000)); // a new version even within one clock tick
        X509Certificate replaced = (X509Certificate) HostKeyStore.loadOrCreate(file, pw, "localhost")
                .getCertificate(HostKeyStore.ALIAS);
        assertEquals("CN=replacement.example.org", replaced.getSubjectX500Principal().getName());
    }

    @Test
    public void ipAddressHostNamesGoInAnIpSubjectAltName() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("ip.p12");
        ServerTls.create(new TlsSettings(file, new char[0], null, "127.0.0.1"));
        X509Certificate cert = (X509Certificate) KeyStore.getInstance(file.toFile(), new char[0]).getCertificate(HostKeyStore.ALIAS);
        assertEquals(List.of(List.of(7, "127.0.0.1")), List.copyOf(cert.getSubjectAlternativeNames()));
    }

    @Test
    public void wrongKeyStorePasswordIsAClearError() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("host.p12");
        ServerTls.create(new TlsSettings(file, "right".toCharArray(), null, "localhost"));
        try {
            ServerTls.create(new TlsSettings(file, "wrong".toCharArray(), null, "localhost"));
            fail("wrong password accepted");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(file.toString()));
        }
    }

    @Test
    public void onlyTls12And13WithoutWeakSuitesAndOptionalClientCertificates() throws Exception {
        SslContextFactory.Server ssl = ServerTls.create(new TlsSettings(null, new char[0], null, "localhost"));
        ssl.start();
        try {
            assertEquals(Set.of("TLSv1.3", "TLSv1.2"), Set.of(ssl.getSelectedProtocols()));
            assertTrue(ssl.getSelectedCipherSuites().length > 0);
            for (String suite : ssl.getSelectedCipherSuites()) {
                assertFalse(suite, suite.matches(".*(EXPORT|_DES|3DES|RC4|NULL|anon).*"));
            }
            assertTrue(ssl.getWantClientAuth());
            assertFalse(ssl.getNeedClientAuth());
        } finally {
            ssl.stop();
        }
    }

    @Test
    public void trustManagerLetsProxyChainsThroughAndAdvertisesTheCas() throws Exception {
        Path caDir = tmp.newFolder("certificates").toPath();
        KeyStore someCa = HostKeyStore.selfSigned(new char[0], "ca.example.org");
        X509Certificate ca = (X509Certificate) someCa.getCertificate(HostKeyStore.ALIAS);
        Files.writeString(caDir.resolve("0123abcd.0"), TestCa.pem(ca), StandardCharsets.US_ASCII);
        Files.writeString(caDir.resolve("deadbeef.0"), "not a certificate", StandardCharsets.US_ASCII);
        Files.writeString(caDir.resolve("0123abcd.signing_policy"), "access_id_CA X509 '/CN=ca.example.org'\n",
                StandardCharsets.US_ASCII);
        ProxyChainTrustManager tm = new ProxyChainTrustManager(new CaDirectoryIssuers(caDir));
        assertEquals(List.of(ca), Arrays.asList(tm.getAcceptedIssuers()));

        tm.checkClientTrusted(new X509Certificate[] {ca}, "RSA");
        try {
            tm.checkClientTrusted(new X509Certificate[0], "RSA");
            fail("empty chain accepted");
        } catch (java.security.cert.CertificateException expected) {
            // the only refusal at TLS level
        }
        try {
            tm.checkServerTrusted(new X509Certificate[] {ca}, "RSA");
            fail("server side trust must never be granted by this trust manager");
        } catch (java.security.cert.CertificateException expected) {
            // server-only trust manager
        }
        assertEquals(0, new CaDirectoryIssuers(caDir.resolve("missing")).get().length);
    }

    @Test
    public void settingsNeverPrintThePassword() {
        TlsSettings s = new TlsSettings(Path.of("/k.p12"), "TopSecret".toCharArray(), null, "h");
        assertFalse(s.toString().contains("TopSecret"));
    }
}
