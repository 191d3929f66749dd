package eu.stratuslab.xmlrpc;

/**
 * An XML-RPC fault (spec §3.4). Faults are only for malformed requests and parameter type/count
 * errors; application errors are {@link OneResult#error(String, int)} results, never faults.
 */
public class XmlRpcFault extends Exception {

    private static final long serialVersionUID = 1L;

    public static final int TYPE_MISMATCH = -501;
    public static final int INTERNAL = -500;
    public static final int PARSE_ERROR = -503;
    public static final int BACKEND = -504;
    public static final int UNKNOWN_METHOD = -506;

    private final int code;

    public XmlRpcFault(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The fault string as sent on the wire. */
    public String faultString() {
        return getMessage();
    }

    /** -501 {@code Not enough parameters} (exact wording of oned). */
    public static XmlRpcFault notEnoughParameters() {
        return new XmlRpcFault(TYPE_MISMATCH, "Not enough parameters");
    }

    /** -501 {@code Type mismatch: parameter <index> is not <type>}; index is 0-based (0 = session). */
    public static XmlRpcFault typeMismatch(int index, String type) {
        return new XmlRpcFault(TYPE_MISMATCH, "Type mismatch: parameter " + index + " is not " + type);
    }

    /** -506 {@code Method '<name>' not defined} (exact wording of oned). */
    public static XmlRpcFault unknownMethod(String name) {
        return new XmlRpcFault(UNKNOWN_METHOD, "Method '" + name + "' not defined");
    }

    /** -503 {@code Parse error: <detail>}. */
    public static XmlRpcFault parseError(String detail) {
        return new XmlRpcFault(PARSE_ERROR, "Parse error: " + detail);
    }

    /** -504 {@code Backend error: <detail>} (forward mode). */
    public static XmlRpcFault backend(String detail) {
        return new XmlRpcFault(BACKEND, "Backend error: " + detail);
    }

    /** -500 {@code Internal error}: deliberately without detail, the cause is only logged. */
    public static XmlRpcFault internal() {
        return new XmlRpcFault(INTERNAL, "Internal error");
    }

    @Override
    public String toString() {
        return "XmlRpcFault[" + code + "] " + getMessage();
    }
}
