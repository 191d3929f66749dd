package eu.stratuslab.xmlrpc;

import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.eclipse.jetty.server.Request;

/** A dispatcher for the integration tests: reports what it received, in a type-revealing form. */
final class EchoDispatcher implements XmlRpcDispatcher {

    @Override
    public OneResult dispatch(Request request, MethodCall call) throws XmlRpcFault {
        Params params = new Params(call.params());
        return switch (call.methodName()) {
            case "echo.id" -> OneResult.ok(params.getInt(1));
            case "echo.types" -> OneResult.ok(describe(call.params()));
            case "echo.error" -> OneResult.error(params.getString(1), 1024);
            case "echo.big" -> OneResult.ok(bigDocument(params.getInt(1)));
            case "echo.parts" -> OneResult.ok(inParts(bigDocument(params.getInt(1))));
            case "echo.boom" -> throw new IllegalStateException("dispatcher failure");
            default -> throw XmlRpcFault.unknownMethod(call.methodName());
        };
    }

    /** A document of about {@code size} characters that needs escaping. */
    static String bigDocument(int size) {
        StringBuilder doc = new StringBuilder(size + 64).append("<POOL>");
        int i = 0;
        while (doc.length() < size) {
            doc.append("<VM><ID>").append(i++).append("</ID><N><![CDATA[a&b]]></N></VM>");
        }
        return doc.append("</POOL>").toString();
    }

    /** {@code document} as a pool listing is sent: encoded parts of about a kilobyte each. */
    static XmlRpcText inParts(String document) {
        List<XmlRpcText> parts = new java.util.ArrayList<>();
        for (int from = 0; from < document.length(); from += 1000) {
            parts.add(XmlRpcText.of(document.substring(from, Math.min(document.length(), from + 1000))));
        }
        return XmlRpcText.join(parts);
    }

    static String describe(Object value) {
        if (value == null) {
            return "nil";
        }
        if (value instanceof Integer i) {
            return "int:" + i;
        }
        if (value instanceof Long l) {
            return "i8:" + l;
        }
        if (value instanceof Boolean b) {
            return "bool:" + b;
        }
        if (value instanceof String s) {
            return "str:" + s;
        }
        if (value instanceof Double d) {
            return "double:" + d;
        }
        if (value instanceof Date d) {
            return "date:" + d.toInstant();
        }
        if (value instanceof byte[] b) {
            return "base64:" + Base64.getEncoder().encodeToString(b);
        }
        if (value instanceof List<?> list) {
            StringJoiner items = new StringJoiner(",", "[", "]");
            list.forEach(item -> items.add(describe(item)));
            return items.toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringJoiner members = new StringJoiner(",", "{", "}");
            map.forEach((k, v) -> members.add(k + "=" + describe(v)));
            return members.toString();
        }
        return "?" + value.getClass().getName();
    }
}
