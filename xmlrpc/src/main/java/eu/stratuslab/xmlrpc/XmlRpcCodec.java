package eu.stratuslab.xmlrpc;

import java.io.InputStream;

/**
 * The XML-RPC wire codec: hardened request parsing (StAX, spec §3.1) and byte-exact response
 * encoding in oned's layout (spec §3.3), plus the client-side counterparts.
 */
public final class XmlRpcCodec {

    /** Client-side responses are trusted more, but still bounded against runaway recursion. */
    private static final int RESPONSE_MAX_DEPTH = 256;

    private XmlRpcCodec() {
    }

    /**
     * Decodes a {@code methodCall}. Faults: -503 for malformed XML, DOCTYPE, nesting deeper than
     * {@code limits.maxDepth()} or a body longer than {@code limits.maxBodyBytes()}; -501 for
     * unsupported value types.
     */
    public static MethodCall parseRequest(InputStream body, XmlRpcLimits limits) throws XmlRpcFault {
        BodyLimitInputStream limited = new BodyLimitInputStream(body, limits.maxBodyBytes());
        try {
            return XmlRpcReader.readCall(limited, limits.maxDepth());
        } catch (XmlRpcFault fault) {
            if (limited.exceeded()) {
                throw XmlRpcFault.parseError("request body exceeds " + limits.maxBodyBytes() + " bytes");
            }
            throw fault;
        }
    }

    /** A {@code [boolean, value, i4]} method response, byte for byte as oned writes it. */
    public static byte[] encodeResult(OneResult result) {
        if (result.value() instanceof XmlRpcText text) {
            return XmlRpcWriter.result(result.success(), text, result.code()).toByteArray();
        }
        if (result.success() && result.value() instanceof String doc) {
            if (doc.length() >= REUSE_MIN_CHARS) {
                return EncodedDocuments.encode(doc, () -> XmlRpcWriter.result(result));
            }
            if (doc.length() >= MID_MIN_CHARS && doc.length() <= MID_MAX_CHARS) {
                return EncodedDocuments.encodeMid(doc, () -> XmlRpcWriter.result(result));
            }
        }
        return XmlRpcWriter.result(result);
    }

    /**
     * The same bytes as {@link #encodeResult}, as the handler sends them: a value given as
     * {@link XmlRpcText} stays in its parts between the envelope's head and tail.
     */
    public static ResponseBody encodeResultBody(OneResult result) {
        if (result.value() instanceof XmlRpcText text) {
            return XmlRpcWriter.result(result.success(), text, result.code());
        }
        return ResponseBody.of(encodeResult(result));
    }

    /** Documents at least this long have their encoded response reused (see {@link EncodedDocuments}). */
    static final int REUSE_MIN_CHARS = 64 * 1024;

    /**
     * Documents of this size (a VM's info document is 1.5-2.5 KB) have their encoded response
     * reused while they stay in {@link EncodedDocuments}' mid-sized table: a client polling its
     * VM gets the same cached document instance until the VM changes, and escaping it again was
     * a tenth of the one-proxy's CPU per one.vm.info (issue 14 item 8). Below 1 KB escaping costs
     * less than keeping the copy.
     */
    static final int MID_MIN_CHARS = 1024;
    static final int MID_MAX_CHARS = 16 * 1024;

    /**
     * A response carrying any value made of {@link Integer}, {@link Boolean}, {@link String} and
     * {@code List} (e.g. for {@code system.multicall} or {@code system.listMethods}).
     */
    public static byte[] encodeResponseValue(Object value) {
        return XmlRpcWriter.response(value);
    }

    /** A fault response, byte for byte as oned writes it. */
    public static byte[] encodeFault(XmlRpcFault fault) {
        return XmlRpcWriter.fault(fault);
    }

    /** A {@code methodCall} as a client sends it; Long is written as {@code i8}, null as {@code nil}. */
    public static byte[] encodeCall(MethodCall call) {
        return XmlRpcWriter.call(call);
    }

    /** Client side: the response value ({@code List} for arrays), or throws the fault it carries. */
    public static Object parseResponse(InputStream body) throws XmlRpcFault {
        ResponseOutcome outcome = parseResponseOutcome(body);
        if (outcome.isFault()) {
            throw outcome.fault();
        }
        return outcome.value();
    }

    /**
     * Client side, for relaying an answer (forward mode): the value or the fault the server sent,
     * told apart from a response that cannot be read, which throws fault -503 (malformed XML,
     * DOCTYPE, nesting deeper than 256, unknown value type).
     */
    public static ResponseOutcome parseResponseOutcome(InputStream body) throws XmlRpcFault {
        return XmlRpcReader.readResponse(body, RESPONSE_MAX_DEPTH);
    }
}
