package eu.stratuslab.authn.testca;

import eu.stratuslab.authn.testca.TestCa.Credential;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/** Always presents one credential, whatever CA names the server advertises (proxies are not CA-issued). */
public final class FixedKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "client";
    private final Credential credential;

    public FixedKeyManager(Credential credential) {
        this.credential = credential;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return new String[] {ALIAS};
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return ALIAS;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return ALIAS;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return credential.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return credential.key();
    }
}
