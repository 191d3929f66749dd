package eu.stratuslab.xmlrpc;

import java.io.InputStream;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Decodes {@code methodCall} and {@code methodResponse} documents from a StAX stream (spec §3.1).
 * Malformed documents, DOCTYPEs and too-deep nesting give fault -503; unsupported value types
 * (including every Apache extension other than {@code ex:i8} and {@code ex:nil}) give -501.
 */
final class XmlRpcReader {

    static final String EXTENSIONS_NS = "http://ws.apache.org/xmlrpc/namespaces/extensions";

    private static final Pattern DOUBLE = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-?(\\d{2})-?(\\d{2})T(\\d{2}):?(\\d{2}):?(\\d{2})(\\.\\d{1,9})?(Z|[+-]\\d{2}:?\\d{2})?");
    private static final int MAX_ECHOED_VALUE = 40;

    private final XMLStreamReader xml;
    private final int maxDepth;

    private XmlRpcReader(XMLStreamReader xml, int maxDepth) {
        this.xml = xml;
        this.maxDepth = maxDepth;
    }

    static MethodCall readCall(InputStream in, int maxDepth) throws XmlRpcFault {
        return withReader(in, maxDepth, XmlRpcReader::methodCall);
    }

    /** Client side: the response value or the fault it carries; thrown faults are failures to read it. */
    static ResponseOutcome readResponse(InputStream in, int maxDepth) throws XmlRpcFault {
        Object[] outcome = withReader(in, maxDepth, XmlRpcReader::methodResponse);
        return outcome[0] instanceof XmlRpcFault fault ? ResponseOutcome.fault(fault) : ResponseOutcome.value(outcome[1]);
    }

    private interface Body<T> {
        T read(XmlRpcReader reader) throws XMLStreamException, XmlRpcFault;
    }

    private static <T> T withReader(InputStream in, int maxDepth, Body<T> body) throws XmlRpcFault {
        XMLStreamReader xml = null;
        try {
            xml = SafeXmlInput.open(in);
            XmlRpcReader reader = new XmlRpcReader(xml, maxDepth);
            reader.toRootElement();
            T result = body.read(reader);
            reader.toEndOfDocument();
            return result;
        } catch (XMLStreamException e) {
            throw XmlRpcFault.parseError(describe(e));
        } finally {
            closeQuietly(xml);
        }
    }

    // ---- envelopes ----

    private MethodCall methodCall() throws XMLStreamException, XmlRpcFault {
        requireName("methodCall");
        String methodName = null;
        List<Object> params = new ArrayList<>();
        boolean seenParams = false;
        while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
            String name = envelopeName();
            if (name.equals("methodName") && methodName == null) {
                methodName = readText().strip();
            } else if (name.equals("params") && !seenParams) {
                seenParams = true;
                while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    requireName("param");
                    params.add(singleValue());
                }
            } else {
                throw unexpected();
            }
        }
        if (methodName == null || methodName.isEmpty()) {
            throw XmlRpcFault.parseError("missing methodName");
        }
        return new MethodCall(methodName, params);
    }

    private Object[] methodResponse() throws XMLStreamException, XmlRpcFault {
        requireName("methodResponse");
        xml.nextTag();
        String name = envelopeName();
        Object[] outcome = new Object[2];
        if (name.equals("params")) {
            xml.nextTag();
            requireName("param");
            outcome[1] = singleValue();
            if (xml.nextTag() != XMLStreamConstants.END_ELEMENT) { // </params>
                throw unexpected();
            }
        } else if (name.equals("fault")) {
            outcome[0] = toFault(singleValue());
        } else {
            throw unexpected();
        }
        if (xml.nextTag() != XMLStreamConstants.END_ELEMENT) {
            throw unexpected();
        }
        return outcome;
    }

    private static XmlRpcFault toFault(Object value) {
        if (value instanceof Map<?, ?> struct && struct.get("faultCode") instanceof Integer code) {
            Object text = struct.get("faultString");
            return new XmlRpcFault(code, text == null ? "" : text.toString());
        }
        return XmlRpcFault.parseError("malformed fault");
    }

    /** Inside a {@code param} (or {@code fault}): exactly one {@code value}, then the closing tag. */
    private Object singleValue() throws XMLStreamException, XmlRpcFault {
        xml.nextTag();
        requireName("value");
        Object value = value(0);
        if (xml.nextTag() != XMLStreamConstants.END_ELEMENT) {
            throw unexpected();
        }
        return value;
    }

    // ---- values ----

    private static final Object NO_TYPE = new Object();

    /** Positioned on {@code <value>}; returns positioned on {@code </value>}. */
    private Object value(int depth) throws XMLStreamException, XmlRpcFault {
        StringBuilder text = new StringBuilder();
        Object typed = NO_TYPE;
        while (true) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (typed == NO_TYPE) {
                        text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                    } else if (!xml.isWhiteSpace()) {
                        throw XmlRpcFault.parseError("text after the typed value" + at());
                    }
                }
                case XMLStreamConstants.START_ELEMENT -> {
                    if (typed != NO_TYPE) {
                        throw XmlRpcFault.parseError("more than one typed element in <value>" + at());
                    }
                    if (!text.toString().isBlank()) {
                        throw XmlRpcFault.parseError("text before the typed value" + at());
                    }
                    typed = typedValue(depth);
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    // untyped <value>text</value> is a string, whitespace included
                    return typed == NO_TYPE ? text.toString() : typed;
                }
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                    // ignored, as any XML parser would
                }
                default -> throw unexpected();
            }
        }
    }

    /** Positioned on the type element; returns positioned on its end tag. */
    private Object typedValue(int depth) throws XMLStreamException, XmlRpcFault {
        String ns = xml.getNamespaceURI();
        String name = xml.getLocalName();
        if (ns == null || ns.isEmpty()) {
            return switch (name) {
                case "i4", "int" -> parseInt(readText());
                case "i8" -> parseLong(readText());
                case "boolean" -> parseBoolean(readText());
                case "string" -> readText();
                case "double" -> parseDouble(readText());
                case "dateTime.iso8601" -> parseDateTime(readText());
                case "base64" -> parseBase64(readText());
                case "array" -> array(nested(depth));
                case "struct" -> struct(nested(depth));
                case "nil" -> nil();
                default -> throw unsupportedType();
            };
        }
        if (EXTENSIONS_NS.equals(ns)) {
            return switch (name) {
                case "i8" -> parseLong(readText());
                case "nil" -> nil();
                // ex:serializable (Java deserialisation), ex:dom, ex:i1, ... are all refused
                default -> throw unsupportedType();
            };
        }
        throw unsupportedType();
    }

    private int nested(int depth) throws XmlRpcFault {
        if (depth + 1 > maxDepth) {
            throw XmlRpcFault.parseError("arrays/structs nested deeper than " + maxDepth + at());
        }
        return depth + 1;
    }

    private List<Object> array(int depth) throws XMLStreamException, XmlRpcFault {
        List<Object> items = new ArrayList<>();
        xml.nextTag();
        requireName("data");
        while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
            requireName("value");
            items.add(value(depth));
        }
        if (xml.nextTag() != XMLStreamConstants.END_ELEMENT) { // </array>
            throw unexpected();
        }
        return items;
    }

    private Map<String, Object> struct(int depth) throws XMLStreamException, XmlRpcFault {
        Map<String, Object> members = new LinkedHashMap<>();
        while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
            requireName("member");
            String memberName = null;
            Object memberValue = NO_TYPE;
            while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
                String part = envelopeName();
                if (part.equals("name") && memberName == null) {
                    memberName = readText();
                } else if (part.equals("value") && memberValue == NO_TYPE) {
                    memberValue = value(depth);
                } else {
                    throw unexpected();
                }
            }
            if (memberName == null || memberValue == NO_TYPE) {
                throw XmlRpcFault.parseError("struct member without name or value" + at());
            }
            members.put(memberName, memberValue);
        }
        return members;
    }

    private Object nil() throws XMLStreamException, XmlRpcFault {
        if (!readText().isBlank()) {
            throw XmlRpcFault.parseError("nil with content" + at());
        }
        return null;
    }

    // ---- scalars ----

    private static int parseInt(String text) throws XmlRpcFault {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw invalidScalar("i4", text);
        }
    }

    private static long parseLong(String text) throws XmlRpcFault {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw invalidScalar("i8", text);
        }
    }

    private static boolean parseBoolean(String text) throws XmlRpcFault {
        return switch (text.strip()) {
            case "1" -> true;
            case "0" -> false;
            default -> throw invalidScalar("boolean", text);
        };
    }

    private static double parseDouble(String text) throws XmlRpcFault {
        String s = text.strip();
        if (!DOUBLE.matcher(s).matches()) { // refuses NaN, Infinity, hex floats
            throw invalidScalar("double", text);
        }
        return Double.parseDouble(s);
    }

    /** Without a zone designator the time is taken as UTC (XML-RPC leaves it unspecified). */
    private static Date parseDateTime(String text) throws XmlRpcFault {
        Matcher m = DATE_TIME.matcher(text.strip());
        if (!m.matches()) {
            throw invalidScalar("dateTime.iso8601", text);
        }
        try {
            int nanos = m.group(7) == null ? 0 : Integer.parseInt((m.group(7).substring(1) + "00000000").substring(0, 9));
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6)), nanos);
            String zone = m.group(8);
            ZoneOffset offset = zone == null || zone.equals("Z") ? ZoneOffset.UTC
                    : ZoneOffset.of(zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone);
            return Date.from(local.toInstant(offset));
        } catch (DateTimeException | NumberFormatException e) {
            throw invalidScalar("dateTime.iso8601", text);
        }
    }

    private static byte[] parseBase64(String text) throws XmlRpcFault {
        StringBuilder compact = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                compact.append(c);
            }
        }
        try {
            return Base64.getDecoder().decode(compact.toString());
        } catch (IllegalArgumentException e) {
            throw invalidScalar("base64", "...");
        }
    }

    private static XmlRpcFault invalidScalar(String type, String text) {
        String shown = text.length() > MAX_ECHOED_VALUE ? text.substring(0, MAX_ECHOED_VALUE) + "..." : text;
        return XmlRpcFault.parseError("invalid " + type + " value '" + shown + "'");
    }

    // ---- StAX helpers ----

    private void toRootElement() throws XMLStreamException, XmlRpcFault {
        while (true) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    return;
                }
                case XMLStreamConstants.DTD -> throw XmlRpcFault.parseError("DOCTYPE is not allowed");
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION,
                        XMLStreamConstants.SPACE, XMLStreamConstants.CHARACTERS -> {
                    if (event == XMLStreamConstants.CHARACTERS && !xml.isWhiteSpace()) {
                        throw unexpected();
                    }
                }
                default -> throw unexpected();
            }
        }
    }

    /** Reads to the end so that trailing garbage (or a late DOCTYPE) is detected. */
    private void toEndOfDocument() throws XMLStreamException, XmlRpcFault {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT || event == XMLStreamConstants.DTD
                    || (event == XMLStreamConstants.CHARACTERS && !xml.isWhiteSpace())) {
                throw unexpected();
            }
        }
    }

    /** Text-only element content; returns positioned on the end tag. Child elements are an error. */
    private String readText() throws XMLStreamException, XmlRpcFault {
        StringBuilder text = new StringBuilder();
        while (true) {
            switch (xml.next()) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                case XMLStreamConstants.END_ELEMENT -> {
                    return text.toString();
                }
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                    // ignored
                }
                case XMLStreamConstants.START_ELEMENT ->
                        throw XmlRpcFault.parseError("unexpected element <" + qualifiedName() + "> in text" + at());
                default -> throw unexpected();
            }
        }
    }

    /** Envelope elements (methodCall, params, data, member, ...) are in no namespace. */
    private String envelopeName() throws XmlRpcFault {
        String ns = xml.getNamespaceURI();
        if (ns != null && !ns.isEmpty()) {
            throw unexpected();
        }
        return xml.getLocalName();
    }

    private void requireName(String expected) throws XmlRpcFault {
        if (xml.getEventType() != XMLStreamConstants.START_ELEMENT || !expected.equals(envelopeName())) {
            throw XmlRpcFault.parseError("expected <" + expected + ">" + describeCurrent() + at());
        }
    }

    private XmlRpcFault unexpected() {
        return XmlRpcFault.parseError("unexpected" + describeCurrent() + at());
    }

    private XmlRpcFault unsupportedType() {
        return new XmlRpcFault(XmlRpcFault.TYPE_MISMATCH, "Type mismatch: unsupported value type <" + qualifiedName() + ">");
    }

    private String qualifiedName() {
        String prefix = xml.getPrefix();
        return prefix == null || prefix.isEmpty() ? xml.getLocalName() : prefix + ":" + xml.getLocalName();
    }

    private String describeCurrent() {
        return switch (xml.getEventType()) {
            case XMLStreamConstants.START_ELEMENT -> ", found <" + qualifiedName() + ">";
            case XMLStreamConstants.END_ELEMENT -> ", found </" + qualifiedName() + ">";
            case XMLStreamConstants.CHARACTERS -> ", found text";
            default -> "";
        };
    }

    private String at() {
        Location location = xml.getLocation();
        return location == null ? "" : " at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    }

    /** The StAX message without its "ParseError at [row,col]:...\nMessage:" preamble. */
    private static String describe(XMLStreamException e) {
        String message = e.getMessage() == null ? "malformed XML" : e.getMessage();
        int idx = message.indexOf("Message: ");
        if (idx >= 0) {
            message = message.substring(idx + "Message: ".length());
        }
        message = message.replace('\n', ' ').replace('\r', ' ').strip();
        if (message.endsWith(".")) {
            message = message.substring(0, message.length() - 1);
        }
        Location location = e.getLocation();
        if (location != null && location.getLineNumber() > 0) {
            message += " at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
        }
        return message;
    }

    private static void closeQuietly(XMLStreamReader xml) {
        if (xml != null) {
            try {
                xml.close();
            } catch (XMLStreamException ignored) {
                // nothing left to release that matters
            }
        }
    }
}
