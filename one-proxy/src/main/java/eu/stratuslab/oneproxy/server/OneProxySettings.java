package eu.stratuslab.oneproxy.server;

import java.nio.file.Path;

/**
 * Where and how the XML-RPC endpoints listen (xmlrpc-api.md §2).
 *
 * @param rpc2Host       bind address of {@code /RPC2}; loopback unless a site decides otherwise
 * @param rpc2Port       port of {@code /RPC2} (2633; 0 = any free port)
 * @param proxyHost      bind address of the authenticated one-proxy connector
 * @param proxyPort      port of that connector (2634 by default; 0 = any free port)
 * @param proxyTls       HTTPS on the proxy connector; plain HTTP only when a site runs a TLS
 *                       reverse proxy in front of it
 * @param pathPrefix     prefix of the 14.06 layout, {@code /one-proxy}
 * @param legacyPaths    also serve {@code /pswd/xmlrpc} and {@code /cert/xmlrpc}
 * @param authnDir       directory holding {@code login.conf} and its properties files
 * @param caDir          grid CA directory (OpenSSL hash layout)
 * @param vomsDir        VOMS {@code vomsdir} (LSC files)
 * @param keyStore       PKCS#12 key store of the server certificate; generated when absent
 * @param keyStorePassword its password
 * @param serverName     host name written into a generated certificate
 * @param maxBodyBytes   request size cap (HTTP 413 above it)
 * @param credentialCacheSeconds how long a verified credential is reused (0: verify every request)
 */
public record OneProxySettings(String rpc2Host, int rpc2Port, String proxyHost, int proxyPort,
                               boolean proxyTls, String pathPrefix, boolean legacyPaths, Path authnDir,
                               Path caDir, Path vomsDir, Path keyStore, char[] keyStorePassword,
                               String serverName, int maxBodyBytes, int credentialCacheSeconds) {

    public Path loginConf() {
        return authnDir.resolve("login.conf");
    }
}
