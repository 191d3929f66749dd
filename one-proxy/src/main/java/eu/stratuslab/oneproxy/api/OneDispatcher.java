package eu.stratuslab.oneproxy.api;

import eu.stratuslab.authn.AuthenticatedUser;
import eu.stratuslab.authn.LoginThrottle;
import eu.stratuslab.authn.MeasuredAuthenticator;
import eu.stratuslab.core.Core;
import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.infra.metrics.Metrics;
import eu.stratuslab.xmlrpc.MethodCall;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcDispatcher;
import eu.stratuslab.xmlrpc.XmlRpcFault;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs API calls against the core. Two ways to know the caller:
 * <ul>
 * <li>proxied ({@code /one-proxy/pswd|cert/xmlrpc}): the HTTP layer authenticated the identity and
 * put an {@link AuthenticatedUser} into the request; its account (created on first use) is the
 * caller. Param 0 must be present but is never read.</li>
 * <li>RPC2 ({@code /RPC2}): param 0 is the {@code user:password} session, checked by the user pool.</li>
 * </ul>
 * A {@link OneException} becomes {@code [false, "[<Tag>] <message>", code]}.
 */
public final class OneDispatcher implements XmlRpcDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(OneDispatcher.class);
    static final String NOT_AUTHENTICATED = "User couldn't be authenticated, aborting call.";

    private final ApiRegistry registry;
    private final Core core;
    private final boolean proxied;
    private final LoginThrottle throttle;
    private final Metrics metrics;

    /** Timer of every API call: tags {@code method}, {@code listener} ({@code rpc2}, {@code proxy}), {@code outcome}. */
    public static final String CALLS_METER = "stratuslab.api.calls";
    /** The authentication module of the session string check on /RPC2 (the one-proxy's are JAAS entries). */
    public static final String SESSION_MODULE = "rpc2-session";

    private OneDispatcher(ApiRegistry registry, Core core, boolean proxied, LoginThrottle throttle, Metrics metrics) {
        this.registry = registry;
        this.core = core;
        this.proxied = proxied;
        this.throttle = throttle;
        this.metrics = metrics;
    }

    /** This dispatcher, timing calls and counting /RPC2 session checks in {@code m}. */
    public OneDispatcher measuredBy(Metrics m) {
        return new OneDispatcher(registry, core, proxied, throttle, Metrics.orNone(m));
    }

    public static OneDispatcher proxied(ApiRegistry r, Core core) {
        return new OneDispatcher(r, core, true, LoginThrottle.shared(), Metrics.none());
    }

    public static OneDispatcher rpc2(ApiRegistry r, Core core) {
        return rpc2(r, core, LoginThrottle.shared());
    }

    /** @param throttle brute-force throttling of session checks per account and client address (issue 13 item 7) */
    public static OneDispatcher rpc2(ApiRegistry r, Core core, LoginThrottle throttle) {
        return new OneDispatcher(r, core, false, throttle, Metrics.none());
    }

    @Override
    public OneResult dispatch(Request request, MethodCall call) throws XmlRpcFault {
        AuthenticatedUser user = null;
        if (proxied) {
            Object attribute = request == null ? null : request.getAttribute(AuthenticatedUser.REQUEST_ATTRIBUTE);
            if (!(attribute instanceof AuthenticatedUser u)) {
                // the authentication handler must run before this one; never serve anonymously
                LOG.error("proxied call {} without an authenticated user", call.methodName());
                throw XmlRpcFault.internal();
            }
            user = u;
        }
        boolean network = !proxied && request != null && request.getConnectionMetaData() != null;
        return execute(user, call, network ? Request.getRemoteAddr(request) : null);
    }

    /**
     * The dispatch after HTTP: {@code user} is the authenticated identity in proxied mode (ignored
     * in RPC2 mode). Public so that embedding code and tests can call it without an HTTP request.
     */
    public OneResult execute(AuthenticatedUser user, MethodCall call) throws XmlRpcFault {
        return execute(user, call, null);
    }

    /** As {@link #execute(AuthenticatedUser, MethodCall)}; on /RPC2 the session check is throttled per {@code clientAddress}. */
    public OneResult execute(AuthenticatedUser user, MethodCall call, String clientAddress) throws XmlRpcFault {
        ApiMethod method = registry.find(call.methodName());
        if (method == null) { // includes system.multicall, never served here
            // one tag value for every unknown name: callers must not grow the metric without bound
            metrics.record(CALLS_METER, 0, "unknown_method", "method", "unknown", "listener", listener());
            throw XmlRpcFault.unknownMethod(call.methodName());
        }
        long start = System.nanoTime();
        String outcome = "fault";
        try {
            OneResult result = execute(method, user, call, clientAddress);
            outcome = result.success() ? "success" : result.code() == ErrorCode.AUTHENTICATION ? "unauthenticated"
                    : "error";
            return result;
        } finally {
            metrics.record(CALLS_METER, System.nanoTime() - start, outcome, "method", call.methodName(),
                    "listener", listener());
        }
    }

    private String listener() {
        return proxied ? "proxy" : "rpc2";
    }

    private OneResult execute(ApiMethod method, AuthenticatedUser user, MethodCall call, String clientAddress)
            throws XmlRpcFault {
        Params params = new Params(call.params());
        Caller caller;
        try {
            caller = proxied ? proxiedCaller(user, params) : sessionCaller(params, clientAddress);
        } catch (OneException e) {
            return OneResult.error("[" + method.tag() + "] " + e.getMessage(), e.code());
        }
        if (caller == null) {
            return OneResult.error("[" + method.tag() + "] " + NOT_AUTHENTICATED, ErrorCode.AUTHENTICATION);
        }
        try {
            return method.call(caller, params);
        } catch (OneException e) {
            return OneResult.error("[" + method.tag() + "] " + e.getMessage(), e.code());
        }
    }

    private Caller proxiedCaller(AuthenticatedUser user, Params params) throws XmlRpcFault, OneException {
        params.get(0); // must be present, any type; its value is deliberately not read
        if (user == null) {
            throw XmlRpcFault.internal();
        }
        return core.users().callerForAccount(user.accountName());
    }

    private Caller sessionCaller(Params params, String clientAddress) throws XmlRpcFault {
        String session = params.getString(0);
        if (clientAddress == null) { // embedding code and tests: no network client to throttle
            return core.users().authenticateSession(session);
        }
        int colon = session == null ? -1 : session.indexOf(':');
        String account = colon < 0 ? String.valueOf(session) : session.substring(0, colon);
        if (throttle.refusal(account, clientAddress).isPresent()) {
            throttle.failed(account, clientAddress); // refused unchecked while locked out
            return null;
        }
        Caller caller = core.users().authenticateSession(session);
        MeasuredAuthenticator.count(metrics, SESSION_MODULE, "session", caller != null);
        if (caller == null) {
            throttle.failed(account, clientAddress);
        } else {
            throttle.succeeded(account, clientAddress);
        }
        return caller;
    }
}
