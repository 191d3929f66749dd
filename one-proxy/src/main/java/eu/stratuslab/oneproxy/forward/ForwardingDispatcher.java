package eu.stratuslab.oneproxy.forward;

import eu.stratuslab.authn.AuthenticatedUser;
import eu.stratuslab.authn.http.BasicCredentials;
import eu.stratuslab.infra.log.RateLimitedLog;
import eu.stratuslab.xmlrpc.MethodCall;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.ResponseBody;
import eu.stratuslab.xmlrpc.ResponseOutcome;
import eu.stratuslab.xmlrpc.XmlRpcClient;
import eu.stratuslab.xmlrpc.XmlRpcCodec;
import eu.stratuslab.xmlrpc.XmlRpcDispatcher;
import eu.stratuslab.xmlrpc.XmlRpcFault;
import eu.stratuslab.xmlrpc.XmlRpcHttpException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forward mode (authn.md §11, the original one-proxy's deployment): the caller authenticated by the
 * HTTP layer is passed on to an external oned as the session {@code <account name>:<secret>}, and its
 * answer is relayed. Parameter 0 is replaced by that session (added when the call has none), the
 * others go on unchanged (integers of the 32-bit range as {@code i4}), the method name too;
 * {@code system.multicall} is refused here (-506) because its inner calls would keep the client's
 * sessions. Both directions go through our own codec: the answer is parsed (hardened, size-capped)
 * and written again under the wire rules of xmlrpc-api.md §3.3; nothing is passed through unread.
 * A fault of the external oned is relayed as it is; not reaching it, a timeout, an HTTP error or an
 * answer that is not readable XML-RPC (or holds values clients cannot read) becomes fault -504
 * {@code Backend error: <detail>}.
 */
public final class ForwardingDispatcher implements XmlRpcDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ForwardingDispatcher.class);

    /** The secret of every forwarded account but oneadmin: the external oned's {@code dummy} driver accepts any. */
    public static final String DUMMY_SECRET = "a".repeat(40);
    static final String ONEADMIN = "oneadmin";
    static final String MULTICALL = "system.multicall";

    /** A back end that is down must not turn every call into a log line. */
    private final RateLimitedLog failureLog = new RateLimitedLog(LOG, 10, Duration.ofMinutes(1));
    private final ForwardSettings settings;
    private final XmlRpcClient backend;

    public ForwardingDispatcher(ForwardSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.backend = new XmlRpcClient(settings.backend()).withConnectTimeout(settings.connectTimeout())
                .withRequestTimeout(settings.readTimeout()).withMaxResponseBytes(settings.maxResponseBytes());
    }

    public ForwardSettings settings() {
        return settings;
    }

    /** Relays any answer of the external oned (a triple for every {@code one.*} method). */
    @Override
    public ResponseBody respond(Request request, MethodCall call) throws XmlRpcFault {
        return ResponseBody.of(encode(forward(request, call)));
    }

    /** The answer as a triple; an answer of another shape is fault -504 here (use {@link #respond}). */
    @Override
    public OneResult dispatch(Request request, MethodCall call) throws XmlRpcFault {
        Object answer = forward(request, call);
        if (answer instanceof List<?> l && l.size() == 3 && l.get(0) instanceof Boolean ok && l.get(2) instanceof Integer code) {
            return new OneResult(ok, l.get(1), code);
        }
        throw XmlRpcFault.backend("the answer of the external OpenNebula is not a [boolean, value, code] triple");
    }

    private Object forward(Request request, MethodCall call) throws XmlRpcFault {
        Object attribute = request == null ? null : request.getAttribute(AuthenticatedUser.REQUEST_ATTRIBUTE);
        if (!(attribute instanceof AuthenticatedUser user)) {
            // the authentication handler must run before this one; never forward anonymously
            LOG.error("call {} to forward without an authenticated user", call.methodName());
            throw XmlRpcFault.internal();
        }
        return forward(user, basicPassword(request, user), call);
    }

    /**
     * Forwards {@code call} for {@code user}; {@code basicPassword} is the password the user
     * authenticated with (only used, and then required, for {@code oneadmin}).
     *
     * @return the answer's value, every integer an {@link Integer}
     * @throws XmlRpcFault the external oned's fault, -506 for {@code system.multicall}, -504 otherwise
     */
    public Object forward(AuthenticatedUser user, String basicPassword, MethodCall call) throws XmlRpcFault {
        if (MULTICALL.equals(call.methodName())) {
            throw XmlRpcFault.unknownMethod(call.methodName());
        }
        String account = user.accountName();
        String secret;
        if (ONEADMIN.equals(user.identity())) {
            if (basicPassword == null) {
                LOG.error("oneadmin call {} to forward without its Basic password", call.methodName());
                throw XmlRpcFault.internal();
            }
            secret = basicPassword;
        } else {
            secret = DUMMY_SECRET;
        }
        List<Object> params = new ArrayList<>(Math.max(1, call.params().size()));
        params.add(account + ":" + secret);
        for (int i = 1; i < call.params().size(); i++) {
            params.add(narrowIntegers(call.params().get(i)));
        }
        LOG.info("forwarding request from {}", account); // authn.md §11: never the secret
        ResponseOutcome outcome = exchange(new MethodCall(call.methodName(), params));
        if (outcome.isFault()) {
            throw outcome.fault();
        }
        return narrowIntegers(outcome.value());
    }

    private ResponseOutcome exchange(MethodCall call) throws XmlRpcFault {
        try {
            return backend.exchange(call);
        } catch (XmlRpcFault unreadable) {
            throw failure(call, "the external OpenNebula sent an answer that is not valid XML-RPC",
                    unreadable.getMessage());
        } catch (HttpConnectTimeoutException e) {
            throw failure(call, "cannot connect to the external OpenNebula within "
                    + settings.connectTimeout().toMillis() + " ms", e.getMessage());
        } catch (HttpTimeoutException e) {
            throw failure(call, "no answer from the external OpenNebula within "
                    + settings.readTimeout().toMillis() + " ms", e.getMessage());
        } catch (ConnectException e) {
            throw failure(call, "cannot connect to the external OpenNebula", e.toString());
        } catch (XmlRpcHttpException e) {
            throw failure(call, "the external OpenNebula answered HTTP " + e.status(), e.getMessage());
        } catch (IOException e) {
            throw failure(call, "the exchange with the external OpenNebula failed", e.toString());
        }
    }

    /** -504 for the client; the log line adds the URL and the cause, which the client need not see. */
    private XmlRpcFault failure(MethodCall call, String clientDetail, String logDetail) {
        failureLog.warn("forwarding {} to {} failed: {} ({})", call.methodName(), settings.backend(), clientDetail,
                logDetail);
        return XmlRpcFault.backend(clientDetail);
    }

    private byte[] encode(Object answer) throws XmlRpcFault {
        try {
            return XmlRpcCodec.encodeResponseValue(answer);
        } catch (IllegalArgumentException e) {
            // i8 beyond 32 bits, double, struct, nil...: a Python 2 client would crash on them (§3.3)
            failureLog.warn("answer from {} not relayed: {}", settings.backend(), e.getMessage());
            throw XmlRpcFault.backend("the answer of the external OpenNebula holds a value clients cannot read");
        }
    }

    /** Long values of the 32-bit range become Integer (sent and relayed as {@code i4}), at any depth. */
    static Object narrowIntegers(Object value) {
        if (value instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return (int) (long) l;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(narrowIntegers(v)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, narrowIntegers(v)));
            return out;
        }
        return value;
    }

    /** The Basic password of the request when it is the authenticated user's own, else null. */
    private static String basicPassword(Request request, AuthenticatedUser user) {
        return BasicCredentials.parse(request.getHeaders().get(HttpHeader.AUTHORIZATION))
                .filter(c -> c.user().equals(user.identity()))
                .map(c -> new String(c.password()))
                .orElse(null);
    }
}
