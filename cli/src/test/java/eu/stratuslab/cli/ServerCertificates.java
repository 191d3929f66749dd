package eu.stratuslab.cli;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Collections;

/** The certificates of a test cloud's generated key store, as a user would save them from the site. */
final class ServerCertificates {

    private ServerCertificates() {
    }

    /** Every certificate of the PKCS#12 {@code keyStore} (password in its sibling file), in PEM. */
    static String pem(Path keyStore) throws Exception {
        char[] pw = Files.readString(keyStore.resolveSibling("server.p12.password")).trim().toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, pw);
        }
        StringBuilder sb = new StringBuilder();
        for (String alias : Collections.list(ks.aliases())) {
            Certificate c = ks.getCertificate(alias);
            if (c != null) {
                sb.append("-----BEGIN CERTIFICATE-----\n")
                        .append(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            }
        }
        return sb.toString();
    }
}
