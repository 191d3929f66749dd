package eu.stratuslab.xmlrpc;

import org.eclipse.jetty.server.Request;

/**
 * Executes one decoded call. The HTTP request is passed so that implementations can read the
 * authenticated identity and the connector. Throw {@link XmlRpcFault} for unknown methods
 * ({@link XmlRpcFault#unknownMethod(String)}) and parameter errors; any other exception becomes
 * fault -500 {@code Internal error}.
 */
@FunctionalInterface
public interface XmlRpcDispatcher {
    OneResult dispatch(Request request, MethodCall call) throws XmlRpcFault;

    /**
     * The encoded response {@link XmlRpcHandler} sends: by default the {@code [boolean, value, code]}
     * triple of {@link #dispatch}. A dispatcher that relays another server's answers (forward mode),
     * whatever their shape, overrides this.
     */
    default ResponseBody respond(Request request, MethodCall call) throws XmlRpcFault {
        return XmlRpcCodec.encodeResultBody(dispatch(request, call));
    }
}
