package eu.stratuslab.probes;

import eu.stratuslab.xmlrpc.XmlRpcClient;
import eu.stratuslab.xmlrpc.XmlRpcFault;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One user's XML-RPC client on the one-proxy password path (HTTP Basic; the session argument is
 * ignored there). Answers are OpenNebula's {@code [ok, value, code]} triples.
 */
final class OneClient {
    private final XmlRpcClient client;
    final String user;

    OneClient(URI endpoint, String user, String password) {
        this.user = user;
        this.client = new XmlRpcClient(Loopback.requireLoopback(endpoint))
                .withSslContext(Loopback.trustingSslContext())
                .withBasicAuth(user, password)
                .withRequestTimeout(Duration.ofSeconds(60));
    }

    /** An OpenNebula answer: {@code ok}, the value (id, document or error text) and the error code. */
    record Reply(boolean ok, Object value, int code) {
        int id() {
            if (!ok) {
                throw new IllegalStateException("call failed: " + value);
            }
            return ((Number) value).intValue();
        }

        String text() {
            return String.valueOf(value);
        }
    }

    /**
     * Calls {@code method} with the session placeholder first.
     *
     * @throws IOException transport failure or an HTTP status other than 200
     * @throws XmlRpcFault a fault instead of a triple
     */
    Reply call(String method, Object... params) throws IOException, XmlRpcFault {
        Object[] all = new Object[params.length + 1];
        all[0] = "ignored";
        System.arraycopy(params, 0, all, 1, params.length);
        Object answer;
        try {
            answer = client.call(method, all);
        } catch (XmlRpcFault fault) {
            // name the call: a fault to a well-formed call of ours is itself a finding
            throw new XmlRpcFault(fault.code(), fault.faultString() + " (answer to " + user + " " + method
                    + java.util.Arrays.toString(params) + ")");
        }
        if (!(answer instanceof List<?> triple) || triple.isEmpty() || !(triple.get(0) instanceof Boolean ok)) {
            throw new IOException(method + ": not an OpenNebula answer: " + answer);
        }
        Object value = triple.size() > 1 ? triple.get(1) : null;
        int code = triple.size() > 2 && triple.get(2) instanceof Number n ? n.intValue() : 0;
        return new Reply(ok, value, code);
    }

    /** The call must succeed; its value. */
    Reply must(String method, Object... params) throws IOException, XmlRpcFault {
        Reply r = call(method, params);
        if (!r.ok()) {
            throw new IllegalStateException(user + " " + method + " failed: " + r.value());
        }
        return r;
    }
}
