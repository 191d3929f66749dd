package eu.stratuslab.oneproxy.api;

import eu.stratuslab.authn.AuthenticatedUser;
import eu.stratuslab.core.Core;
import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
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

    private OneDispatcher(ApiRegistry registry, Core core, boolean proxied) {
        this.registry = registry;
        this.core = core;
        this.proxied = proxied;
    }

    public static OneDispatcher proxied(ApiRegistry r, Core core) {
        return new OneDispatcher(r, core, true);
    }

    public static OneDispatcher rpc2(ApiRegistry r, Core core) {
        return new OneDispatcher(r, core, false);
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
        return execute(user, call);
    }

    /**
     * The dispatch after HTTP: {@code user} is the authenticated identity in proxied mode (ignored
     * in RPC2 mode). Public so that embedding code and tests can call it without an HTTP request.
     */
    public OneResult execute(AuthenticatedUser user, MethodCall call) throws XmlRpcFault {
        ApiMethod method = registry.find(call.methodName());
        if (method == null) { // includes system.multicall, never served here
            throw XmlRpcFault.unknownMethod(call.methodName());
        }
        Params params = new Params(call.params());
        Caller caller;
        try {
            caller = proxied ? proxiedCaller(user, params) : sessionCaller(params);
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

    private Caller sessionCaller(Params params) throws XmlRpcFault {
        return core.users().authenticateSession(params.getString(0));
    }
}
