package eu.stratuslab.xmlrpc;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Writes XML-RPC documents. Server responses reproduce oned's (xmlrpc-c) byte layout exactly:
 * CRLF line ends, one {@code <value>} per line inside {@code <data>}, and only {@code i4},
 * {@code boolean}, {@code string}, {@code array} (plus {@code struct} in faults). Client calls use
 * Python's xmlrpclib layout and may carry every request type.
 */
final class XmlRpcWriter {

    private static final byte[] RESPONSE_HEAD = XmlByteBuffer.ascii(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<methodResponse>\r\n<params>\r\n<param>");
    private static final byte[] RESPONSE_TAIL = XmlByteBuffer.ascii("</param>\r\n</params>\r\n</methodResponse>\r\n");
    private static final byte[] TRIPLE_OPEN = XmlByteBuffer.ascii("<value><array><data>\r\n");
    private static final byte[] TRIPLE_TRUE = XmlByteBuffer.ascii("<value><boolean>1</boolean></value>\r\n");
    private static final byte[] TRIPLE_FALSE = XmlByteBuffer.ascii("<value><boolean>0</boolean></value>\r\n");
    private static final byte[] FAULT_HEAD = XmlByteBuffer.ascii(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<methodResponse>\r\n<fault>\r\n<value><struct>\r\n"
                    + "<member><name>faultCode</name>\r\n<value><i4>");
    private static final byte[] FAULT_MIDDLE = XmlByteBuffer.ascii(
            "</i4></value></member>\r\n<member><name>faultString</name>\r\n<value><string>");
    private static final byte[] FAULT_TAIL = XmlByteBuffer.ascii(
            "</string></value></member>\r\n</struct></value>\r\n</fault>\r\n</methodResponse>\r\n");

    private static final byte[] VALUE_OPEN = XmlByteBuffer.ascii("<value>");
    private static final byte[] VALUE_CLOSE = XmlByteBuffer.ascii("</value>");
    private static final byte[] CRLF = XmlByteBuffer.ascii("\r\n");
    private static final byte[] LF = XmlByteBuffer.ascii("\n");
    private static final byte[] I4_OPEN = XmlByteBuffer.ascii("<i4>");
    private static final byte[] I4_CLOSE = XmlByteBuffer.ascii("</i4>");
    private static final byte[] STRING_OPEN = XmlByteBuffer.ascii("<string>");
    private static final byte[] STRING_CLOSE = XmlByteBuffer.ascii("</string>");
    private static final byte[] TRUE = XmlByteBuffer.ascii("<boolean>1</boolean>");
    private static final byte[] FALSE = XmlByteBuffer.ascii("<boolean>0</boolean>");
    private static final byte[] ARRAY_OPEN = XmlByteBuffer.ascii("<array><data>");
    private static final byte[] ARRAY_CLOSE = XmlByteBuffer.ascii("</data></array>");

    private static final DateTimeFormatter ISO8601 = DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private XmlRpcWriter() {
    }

    // ---- server side (oned layout) ----

    static byte[] result(OneResult result) {
        XmlByteBuffer out = new XmlByteBuffer(exactSize(result));
        resultHead(out, result.success());
        responseValue(out, result.value());
        resultTail(out, result.code());
        return out.toByteArray();
    }

    /** The same triple with a string value given encoded: the envelope around its parts, nothing copied. */
    static ResponseBody result(boolean success, XmlRpcText value, int code) {
        byte[] head = resultHead(new XmlByteBuffer(256), success).raw(STRING_OPEN).toByteArray();
        byte[] tail = resultTail(new XmlByteBuffer(256).raw(STRING_CLOSE), code).toByteArray();
        return ResponseBody.around(head, value, tail);
    }

    /** Up to the opening of the value's type (oned's layout, one {@code <value>} per line). */
    private static XmlByteBuffer resultHead(XmlByteBuffer out, boolean success) {
        return out.raw(RESPONSE_HEAD).raw(TRIPLE_OPEN).raw(success ? TRIPLE_TRUE : TRIPLE_FALSE).raw(VALUE_OPEN);
    }

    /** From the end of the value's type to the end of the document. */
    private static XmlByteBuffer resultTail(XmlByteBuffer out, int code) {
        out.raw(VALUE_CLOSE).raw(CRLF);
        out.raw(VALUE_OPEN).raw(I4_OPEN).number(code).raw(I4_CLOSE).raw(VALUE_CLOSE).raw(CRLF);
        return out.raw(ARRAY_CLOSE).raw(VALUE_CLOSE).raw(RESPONSE_TAIL);
    }

    static byte[] response(Object value) {
        XmlByteBuffer out = new XmlByteBuffer(estimate(value) + 256);
        out.raw(RESPONSE_HEAD).raw(VALUE_OPEN);
        responseValue(out, value);
        out.raw(VALUE_CLOSE).raw(RESPONSE_TAIL);
        return out.toByteArray();
    }

    static byte[] fault(XmlRpcFault fault) {
        String text = fault.getMessage() == null ? "" : fault.getMessage();
        XmlByteBuffer out = new XmlByteBuffer(text.length() + 320);
        out.raw(FAULT_HEAD).number(fault.code()).raw(FAULT_MIDDLE).escaped(text).raw(FAULT_TAIL);
        return out.toByteArray();
    }

    /** Only the types a legacy Python 2 client decodes: i4, boolean, string, array. */
    private static void responseValue(XmlByteBuffer out, Object value) {
        if (value instanceof String s) {
            out.raw(STRING_OPEN).escaped(s).raw(STRING_CLOSE);
        } else if (value instanceof Integer i) {
            out.raw(I4_OPEN).number(i).raw(I4_CLOSE);
        } else if (value instanceof Boolean b) {
            out.raw(b ? TRUE : FALSE);
        } else if (value instanceof List<?> list) {
            out.raw(ARRAY_OPEN).raw(CRLF);
            for (Object item : list) {
                out.raw(VALUE_OPEN);
                responseValue(out, item);
                out.raw(VALUE_CLOSE).raw(CRLF);
            }
            out.raw(ARRAY_CLOSE);
        } else {
            // Long, null, ... would need i8/nil, which the legacy client cannot read (spec §3.3)
            throw new IllegalArgumentException("not encodable in a response: "
                    + (value == null ? "null" : value.getClass().getName()));
        }
    }

    /**
     * Documents are large (a 10,000-VM pool is ~30 MB, ~50 MB escaped): sizing the buffer exactly
     * costs one cheap scan and saves growing copies, the final trimming copy and the slack.
     */
    private static int exactSize(OneResult result) {
        if (!(result.value() instanceof String document) || document.length() < 4096) {
            return 512;
        }
        long envelope = XmlRpcWriter.result(new OneResult(result.success(), "", result.code())).length;
        return (int) Math.min(Integer.MAX_VALUE - 8, envelope + XmlByteBuffer.escapedLength(document));
    }

    private static int estimate(Object value) {
        return value instanceof String s ? s.length() + (s.length() >> 2) : 256;
    }

    // ---- client side (Python xmlrpclib layout) ----

    static byte[] call(MethodCall call) {
        XmlByteBuffer out = new XmlByteBuffer(1024);
        out.raw(XmlByteBuffer.ascii("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<methodCall>\n<methodName>"))
                .escaped(call.methodName())
                .raw(XmlByteBuffer.ascii("</methodName>\n<params>\n"));
        for (Object param : call.params()) {
            out.raw(XmlByteBuffer.ascii("<param>\n"));
            requestValue(out, param);
            out.raw(XmlByteBuffer.ascii("</param>\n"));
        }
        out.raw(XmlByteBuffer.ascii("</params>\n</methodCall>\n"));
        return out.toByteArray();
    }

    private static void requestValue(XmlByteBuffer out, Object value) {
        out.raw(VALUE_OPEN);
        if (value == null) {
            out.raw(XmlByteBuffer.ascii("<nil/>"));
        } else if (value instanceof String s) {
            out.raw(STRING_OPEN).escaped(s).raw(STRING_CLOSE);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.raw(I4_OPEN).number(((Number) value).intValue()).raw(I4_CLOSE);
        } else if (value instanceof Long l) {
            out.raw(XmlByteBuffer.ascii("<i8>")).number(l).raw(XmlByteBuffer.ascii("</i8>"));
        } else if (value instanceof Boolean b) {
            out.raw(b ? TRUE : FALSE);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("XML-RPC has no representation for " + d);
            }
            out.raw(XmlByteBuffer.ascii("<double>" + BigDecimal.valueOf(d).toPlainString() + "</double>"));
        } else if (value instanceof Date date) {
            out.raw(XmlByteBuffer.ascii("<dateTime.iso8601>" + ISO8601.format(date.toInstant()) + "</dateTime.iso8601>"));
        } else if (value instanceof byte[] bytes) {
            out.raw(XmlByteBuffer.ascii("<base64>")).raw(Base64.getEncoder().encode(bytes))
                    .raw(XmlByteBuffer.ascii("</base64>"));
        } else if (value instanceof List<?> list) {
            out.raw(ARRAY_OPEN).raw(LF);
            for (Object item : list) {
                requestValue(out, item);
            }
            out.raw(ARRAY_CLOSE);
        } else if (value instanceof Object[] array) {
            requestValue(out, java.util.Arrays.asList(array));
        } else if (value instanceof Map<?, ?> map) {
            out.raw(XmlByteBuffer.ascii("<struct>\n"));
            for (Map.Entry<?, ?> member : map.entrySet()) {
                out.raw(XmlByteBuffer.ascii("<member>\n<name>")).escaped(String.valueOf(member.getKey()))
                        .raw(XmlByteBuffer.ascii("</name>\n"));
                requestValue(out, member.getValue());
                out.raw(XmlByteBuffer.ascii("</member>\n"));
            }
            out.raw(XmlByteBuffer.ascii("</struct>"));
        } else {
            throw new IllegalArgumentException("not encodable as XML-RPC: " + value.getClass().getName());
        }
        out.raw(VALUE_CLOSE).raw(LF);
    }
}
