package eu.stratuslab.authn.tls;

import java.nio.file.Path;

/**
 * TLS settings of a one-proxy or pdisk connector.
 *
 * @param keyStore         PKCS#12 (or JKS) file with the host key and certificate; generated with a
 *                         self-signed certificate on first start when the file does not exist; null
 *                         means an in-memory self-signed certificate (tests, throw-away servers)
 * @param keyStorePassword password of the key store and of its key entry (may be empty, not null)
 * @param caDir            grid CA directory whose CA names are advertised in the TLS certificate
 *                         request; null means {@code /etc/grid-security/certificates}
 * @param hostName         host name put in the generated certificate (CN and subjectAltName)
 */
public record TlsSettings(Path keyStore, char[] keyStorePassword, Path caDir, String hostName) {

    public TlsSettings {
        if (keyStorePassword == null) {
            throw new IllegalArgumentException("keyStorePassword must not be null (use an empty array)");
        }
        if (hostName == null || hostName.isBlank()) {
            throw new IllegalArgumentException("hostName is required");
        }
    }

    @Override
    public String toString() {
        // never print the password
        return "TlsSettings[keyStore=" + keyStore + ", caDir=" + caDir + ", hostName=" + hostName + "]";
    }
}
