package eu.stratuslab.cli.remote;

import eu.stratuslab.cli.CliException;
import eu.stratuslab.xmlrpc.XmlRpcFault;
import eu.stratuslab.xmlrpc.XmlRpcHttpException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * The cloud's XML-RPC API as the legacy client calls it (legacy-cli.md §3.1, §8): session string
 * {@code user:password} (or {@code dummy:pass} with a certificate), pre-emptive Basic credentials,
 * up to 3 tries on TLS errors and no other retry. Every refusal becomes a {@link CliException}
 * carrying the legacy text: {@code [false, msg, code]} → {@code msg}; HTTP errors → the reason
 * phrase; faults → {@code <Fault code: 'string'>}.
 */
public final class OneClient {
    private static final int TLS_TRIES = 3;
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    /** Makes the TLS context only when an {@code https} endpoint needs it (TLS set-up is slow). */
    public interface TlsSource {
        SSLContext get() throws CliException;
    }

    private final XmlRpcTransport rpc;
    private final String session;

    private OneClient(XmlRpcTransport rpc, String session) {
        this.rpc = rpc;
        this.session = session;
    }

    /** Password mode when {@code username} is set; otherwise the client certificate of {@code tls}. */
    public static OneClient connect(String endpoint, String username, String password, TlsSource tls, Duration timeout)
            throws CliException {
        boolean passwordMode = username != null && !username.isEmpty();
        URI url;
        try {
            url = Endpoints.cloud(endpoint, passwordMode);
        } catch (IllegalArgumentException e) {
            throw new CliException("invalid endpoint " + endpoint + ": " + e.getMessage(), 2);
        }
        SSLContext ctx = "https".equalsIgnoreCase(url.getScheme()) ? tls.get() : null;
        Duration t = timeout == null ? DEFAULT_TIMEOUT : timeout;
        String pw = password == null ? "" : password;
        if (passwordMode) {
            return new OneClient(new XmlRpcTransport(url, username, pw, ctx, t), username + ":" + pw);
        }
        return new OneClient(new XmlRpcTransport(url, null, null, ctx, t), "dummy:pass");
    }

    public URI url() {
        return rpc.endpoint();
    }

    /** {@code one.vm.allocate} → the new VM id. */
    public int allocate(String template) throws CliException {
        return asInt(call("one.vm.allocate", template), "one.vm.allocate");
    }

    /** {@code one.vm.info} → the VM's XML document. */
    public String vmInfo(int id) throws CliException {
        return asString(call("one.vm.info", id), "one.vm.info");
    }

    /** {@code one.vmpool.info(S, -3, -1, -1, -1)}: the caller's VMs in any state except DONE. */
    public String ownVms() throws CliException {
        return asString(call("one.vmpool.info", -3, -1, -1, -1), "one.vmpool.info");
    }

    /** {@code one.vm.action(S, action, id)}. */
    public void action(String action, int id) throws CliException {
        call("one.vm.action", action, id);
    }

    /** Calls {@code method} with the session string first; returns the value after the success flag. */
    public Object call(String method, Object... params) throws CliException {
        Object[] all = new Object[params.length + 1];
        all[0] = session;
        System.arraycopy(params, 0, all, 1, params.length);
        Object answer = send(method, all);
        if (!(answer instanceof List<?> list) || list.isEmpty() || !(list.get(0) instanceof Boolean ok)) {
            throw new CliException("unexpected answer to " + method + ": " + answer, CliException.UNREADABLE_ANSWER);
        }
        if (!ok) {
            throw new CliException(list.size() > 1 ? String.valueOf(list.get(1)) : "the server refused " + method);
        }
        if (list.size() < 2) {
            throw new CliException("unexpected answer to " + method + ": " + answer, CliException.UNREADABLE_ANSWER);
        }
        return list.get(1);
    }

    private Object send(String method, Object[] params) throws CliException {
        for (int attempt = 1;; attempt++) {
            try {
                return rpc.call(method, params);
            } catch (XmlRpcFault f) {
                throw new CliException("<Fault " + f.code() + ": '" + f.faultString() + "'>");
            } catch (XmlRpcHttpException e) {
                throw new CliException(HttpStatus.reason(e.status()));
            } catch (SSLException e) {
                if (attempt >= TLS_TRIES) {
                    throw new CliException(describe(e), e);
                }
            } catch (IOException e) {
                throw new CliException(describe(e), e);
            }
        }
    }

    private String describe(IOException e) {
        String detail = e.getMessage() == null || e.getMessage().isEmpty() ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof java.net.ConnectException) {
            detail = "connection refused";
        }
        return "cannot reach " + rpc.endpoint() + ": " + detail;
    }

    private static int asInt(Object value, String method) throws CliException {
        if (value instanceof Integer i) {
            return i;
        }
        throw new CliException("unexpected answer to " + method + ": " + value, CliException.UNREADABLE_ANSWER);
    }

    private static String asString(Object value, String method) throws CliException {
        if (value instanceof String s && !s.isEmpty()) {
            return s;
        }
        throw new CliException("unexpected answer to " + method + ": " + value, CliException.UNREADABLE_ANSWER);
    }
}
