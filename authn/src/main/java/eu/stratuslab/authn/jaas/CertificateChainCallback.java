package eu.stratuslab.authn.jaas;

import java.security.cert.X509Certificate;
import javax.security.auth.callback.Callback;

/**
 * Asks the caller for the client certificate chain (leaf first). Certificate login modules use it
 * in addition to a {@link javax.security.auth.callback.NameCallback} carrying the RFC 2253 DN of
 * the EEC. A callback handler that supports this callback declares a certificate login; password
 * modules are never satisfied by such a handler, and certificate modules refuse handlers that do
 * not support it (authn.md §2: neither kind of module succeeds in the other's entry).
 */
public final class CertificateChainCallback implements Callback {

    private X509Certificate[] chain;

    /** @return the chain set by the handler, or null when none is available */
    public X509Certificate[] getChain() {
        return chain == null ? null : chain.clone();
    }

    public void setChain(X509Certificate[] chain) {
        this.chain = chain == null ? null : chain.clone();
    }
}
