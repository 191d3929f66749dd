package eu.stratuslab.authn.http;

import eu.stratuslab.authn.AuthenticatedUser;
import eu.stratuslab.authn.Authenticator;
import eu.stratuslab.authn.LogSafe;
import eu.stratuslab.authn.LoginThrottle;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP Basic authentication in front of a handler (authn.md §7, xmlrpc-api.md §2, pdisk-api.md §2):
 *
 * <ul>
 *   <li>no, malformed or wrong credentials: 401 with {@code WWW-Authenticate: Basic realm="<realm>"}
 *       (for every method: the legacy pdisk client only sends credentials after the challenge);</li>
 *   <li>authenticated without the required role: 403;</li>
 *   <li>otherwise the {@link AuthenticatedUser} is stored in the request attribute
 *       {@link AuthenticatedUser#REQUEST_ATTRIBUTE} and the wrapped handler is called.</li>
 * </ul>
 *
 * Failures are logged with the user name and the peer address, never the password or the header.
 */
public final class BasicAuthHandler extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(BasicAuthHandler.class);

    private final Authenticator authenticator;
    private final String challenge;
    private final String requiredRole;
    private final LoginThrottle throttle;

    /**
     * @param realm        e.g. {@code StratusLab Password Realm}
     * @param requiredRole e.g. {@code cloud-access}; null lets every authenticated user through
     */
    public BasicAuthHandler(Authenticator authenticator, String realm, String requiredRole) {
        this(authenticator, realm, requiredRole, LoginThrottle.shared());
    }

    /** @param throttle the brute-force throttle (issue 13 item 7); by default the process's shared one */
    public BasicAuthHandler(Authenticator authenticator, String realm, String requiredRole, LoginThrottle throttle) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.challenge = "Basic realm=\"" + Objects.requireNonNull(realm, "realm").replace("\"", "") + "\"";
        this.requiredRole = requiredRole;
        this.throttle = Objects.requireNonNull(throttle, "throttle");
    }

    public BasicAuthHandler(Authenticator authenticator, String realm, String requiredRole, Handler next) {
        this(authenticator, realm, requiredRole);
        setHandler(next);
    }

    public BasicAuthHandler(Authenticator authenticator, String realm, String requiredRole, LoginThrottle throttle,
                            Handler next) {
        this(authenticator, realm, requiredRole, throttle);
        setHandler(next);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Optional<BasicCredentials> credentials =
                BasicCredentials.parse(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        if (credentials.isEmpty()) {
            LOG.debug("no Basic credentials from {} for {}", Request.getRemoteAddr(request), request.getHttpURI().getPath());
            return challenge(request, response, callback);
        }
        String userName = credentials.get().user();
        char[] password = credentials.get().password();
        String address = Request.getRemoteAddr(request);
        Optional<java.time.Duration> lockedOut = throttle.refusal(userName, address);
        if (lockedOut.isPresent()) {
            // refused without checking the password: a guess during the lockout tells nothing
            Arrays.fill(password, '\0');
            throttle.failed(userName, address);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(Math.max(1, lockedOut.get().toSeconds())));
            return challenge(request, response, callback);
        }
        Optional<AuthenticatedUser> user;
        try {
            user = authenticator.authenticateWithPassword(userName, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        if (user.isEmpty()) {
            throttle.failed(userName, address); // counted and logged (rate-limited) there
            return challenge(request, response, callback);
        }
        throttle.succeeded(userName, address);
        if (requiredRole != null && !user.get().hasRole(requiredRole)) {
            LOG.info("user '{}' from {} lacks role {}; forbidden", LogSafe.printable(userName), Request.getRemoteAddr(request),
                    requiredRole);
            UnreadBody.dropIfSmall(request);
            Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403);
            return true;
        }
        request.setAttribute(AuthenticatedUser.REQUEST_ATTRIBUTE, user.get());
        Handler next = getHandler();
        if (next == null || !next.handle(request, response, callback)) {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
        }
        return true;
    }

    /** Verifying a password may block (bcrypt, LDAP), so this handler must run on a worker thread. */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.BLOCKING;
    }

    private boolean challenge(Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, challenge);
        UnreadBody.dropIfSmall(request);
        Response.writeError(request, response, callback, HttpStatus.UNAUTHORIZED_401);
        return true;
    }
}
