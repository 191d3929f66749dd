package eu.stratuslab.authn.tls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.security.auth.x500.X500Principal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The CA certificates ({@code <hash>.0} files) of a grid CA directory, re-read every ten minutes,
 * to advertise in the TLS certificate request. When the names would not fit in a TLS handshake
 * message (2^16 bytes) nothing is advertised, which TLS reads as "any CA".
 */
final class CaDirectoryIssuers implements Supplier<X509Certificate[]> {

    private static final Logger LOG = LoggerFactory.getLogger(CaDirectoryIssuers.class);
    private static final long REFRESH_NANOS = Duration.ofMinutes(10).toNanos();
    private static final int MAX_ENCODED_NAMES = 60_000;

    private final Path caDir;
    private X509Certificate[] cached;
    private long loadedAt;

    CaDirectoryIssuers(Path caDir) {
        this.caDir = caDir;
    }

    @Override
    public synchronized X509Certificate[] get() {
        long now = System.nanoTime();
        if (cached == null || now - loadedAt > REFRESH_NANOS) {
            cached = load();
            loadedAt = now;
        }
        return cached.clone();
    }

    private X509Certificate[] load() {
        if (!Files.isDirectory(caDir)) {
            return new X509Certificate[0];
        }
        List<X509Certificate> cas = new ArrayList<>();
        int size = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(caDir, "*.[0-9]")) {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (Path f : files) {
                try (InputStream in = Files.newInputStream(f)) {
                    X509Certificate c = (X509Certificate) cf.generateCertificate(in);
                    X500Principal subject = c.getSubjectX500Principal();
                    size += subject.getEncoded().length + 2;
                    cas.add(c);
                } catch (IOException | CertificateException | ClassCastException e) {
                    LOG.debug("skipping {} in the advertised CA list: {}", f, e.toString());
                }
            }
        } catch (IOException | CertificateException e) {
            LOG.warn("cannot list CA directory {}: {}", caDir, e.toString());
            return new X509Certificate[0];
        }
        if (size > MAX_ENCODED_NAMES) {
            LOG.info("{} CA names do not fit in a TLS certificate request; advertising none", cas.size());
            return new X509Certificate[0];
        }
        return cas.toArray(new X509Certificate[0]);
    }
}
