package eu.stratuslab.authn.cert;

import eu.stratuslab.authn.AuthenticatedUser;
import eu.stratuslab.authn.Authenticator;
import eu.stratuslab.authn.voms.VomsRoles;
import org.bouncycastle.util.IPAddress;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Certificate authentication for the {@code /cert} paths (authn.md §7, §8, §9): the TLS client chain
 * (EEC or proxies of any depth) is validated against the grid trust store, the identity is the RFC
 * 2253 DN of the EEC, the JAAS {@code stratuslab-cert} entry (through the {@link Authenticator})
 * grants roles, VOMS FQANs are added as roles, and the required role is enforced.
 *
 * <p>Without a TLS client certificate, the {@code X-Client-Certificate} header of a trusted reverse
 * proxy (loopback by default) is used instead; the proxy is responsible for validating that chain.
 *
 * <p>Every refusal is HTTP 403 (the certificate realm never challenges): no certificate, an
 * untrusted / expired / revoked chain, a DN no module accepts, or a user without the role. On
 * success the {@link AuthenticatedUser} is published as {@link AuthenticatedUser#REQUEST_ATTRIBUTE}
 * and the wrapped handler runs.
 */
public final class CertificateAuthHandler extends Handler.Wrapper {

    public static final String REALM = "StratusLab Certificate Realm";
    private static final Logger LOG = LoggerFactory.getLogger(CertificateAuthHandler.class);

    /** Peers whose X-Client-Certificate header is believed (authn.md §8.4): loopback by default. */
    public static final List<String> DEFAULT_TRUSTED_PROXIES = List.of("127.0.0.1", "::1");

    private final TrustAnchors anchors;
    private final CertificateUserLookup login;
    private final String requiredRole;
    private volatile Set<InetAddress> trustedProxies = addresses(DEFAULT_TRUSTED_PROXIES);

    /**
     * @param voms         null when VOMS attributes are not used
     * @param requiredRole role every user must hold ({@code cloud-access}); null means none
     */
    public CertificateAuthHandler(TrustAnchors anchors, Authenticator authenticator, VomsRoles voms, String requiredRole) {
        this.anchors = Objects.requireNonNull(anchors, "anchors");
        this.login = new CertificateUserLookup(Objects.requireNonNull(authenticator, "authenticator"), voms);
        this.requiredRole = requiredRole;
    }

    /**
     * Sets the reverse proxies (IP literals) whose {@code X-Client-Certificate} header is used when the
     * request carries no TLS client certificate; an empty list disables the header.
     *
     * @throws IllegalArgumentException for a value that is not an IP address literal
     */
    public void setTrustedProxies(java.util.Collection<String> ipAddresses) {
        trustedProxies = addresses(ipAddresses);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String peer = Request.getRemoteAddr(request);
        X509Certificate[] chain = ClientCertificates.of(request);
        if (chain == null || chain.length == 0) {
            return handleForwarded(request, response, callback, peer);
        }
        CertificateVerdict verdict = anchors.verify(chain);
        if (!verdict.valid()) {
            LOG.warn("certificate login refused for {} from {}: {}", chain[0].getSubjectX500Principal().getName(), peer,
                    verdict.reason());
            return forbidden(request, response, callback);
        }
        return authorize(verdict.eecDn(), verdict.chain(), request, response, callback, peer);
    }

    /** No TLS certificate: a trusted reverse proxy may have forwarded the one it validated (§8.4). */
    private boolean handleForwarded(Request request, Response response, Callback callback, String peer) throws Exception {
        String header = request.getHeaders().get(ForwardedClientCertificate.HEADER);
        if (header == null || !fromTrustedProxy(request)) {
            LOG.info("certificate login refused from {}: no client certificate", peer);
            return forbidden(request, response, callback);
        }
        Optional<X509Certificate[]> forwarded = ForwardedClientCertificate.parse(header);
        if (forwarded.isEmpty()) {
            LOG.warn("certificate login refused from {}: unreadable {} header", peer, ForwardedClientCertificate.HEADER);
            return forbidden(request, response, callback);
        }
        String identity = ForwardedClientCertificate.identity(forwarded.get());
        LOG.debug("certificate of {} forwarded by reverse proxy {}", identity, peer);
        return authorize(identity, forwarded.get(), request, response, callback, peer);
    }

    private boolean authorize(String identity, X509Certificate[] chain, Request request, Response response,
            Callback callback, String peer) throws Exception {
        Optional<AuthenticatedUser> user = login.login(identity, chain);
        if (user.isEmpty()) {
            LOG.warn("certificate login refused for {} from {}: not accepted by any login module", identity, peer);
            return forbidden(request, response, callback);
        }
        if (requiredRole != null && !user.get().hasRole(requiredRole)) {
            LOG.warn("certificate login refused for {} from {}: role {} missing", identity, peer, requiredRole);
            return forbidden(request, response, callback);
        }
        LOG.debug("certificate login of {} from {}", identity, peer);
        request.setAttribute(AuthenticatedUser.REQUEST_ATTRIBUTE, user.get());
        return super.handle(request, response, callback);
    }

    private boolean fromTrustedProxy(Request request) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null
                && trustedProxies.contains(inet.getAddress());
    }

    private static Set<InetAddress> addresses(java.util.Collection<String> literals) {
        Set<InetAddress> result = new HashSet<>();
        for (String literal : literals) {
            if (!IPAddress.isValid(literal.trim())) {
                throw new IllegalArgumentException("not an IP address: " + literal);
            }
            try {
                result.add(InetAddress.getByName(literal.trim())); // a literal: no DNS look-up
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address: " + literal, e);
            }
        }
        return Set.copyOf(result);
    }

    /** Login modules read files and query LDAP: never run this handler on a selector thread. */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.BLOCKING;
    }

    private static boolean forbidden(Request request, Response response, Callback callback) {
        Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403);
        return true;
    }
}
