package eu.stratuslab.xmlrpc;

/**
 * A decoded {@code methodResponse} as the server sent it: either its value ({@code List} for
 * arrays) or the fault it carries. A fault here is the server's answer, not a failure to read it
 * (that is thrown as fault -503 by {@link XmlRpcCodec#parseResponseOutcome}).
 */
public record ResponseOutcome(Object value, XmlRpcFault fault) {

    public static ResponseOutcome value(Object value) {
        return new ResponseOutcome(value, null);
    }

    public static ResponseOutcome fault(XmlRpcFault fault) {
        return new ResponseOutcome(null, java.util.Objects.requireNonNull(fault, "fault"));
    }

    public boolean isFault() {
        return fault != null;
    }
}
