package eu.stratuslab.xmlrpc;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** Request bodies used by several tests. */
final class Requests {

    /** Exactly what Python 2.7 xmlrpclib sends for one.vm.info("alice:secret", 100) (spec §3.3). */
    static final String PYTHON2_VM_INFO = "<?xml version='1.0'?>\n"
            + "<methodCall>\n"
            + "<methodName>one.vm.info</methodName>\n"
            + "<params>\n"
            + "<param>\n"
            + "<value><string>alice:secret</string></value>\n"
            + "</param>\n"
            + "<param>\n"
            + "<value><int>100</int></value>\n"
            + "</param>\n"
            + "</params>\n"
            + "</methodCall>\n";

    private Requests() {
    }

    /** A methodCall named {@code m} whose parameters are the given {@code <value>} elements. */
    static String call(String... values) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>m</methodName><params>");
        for (String value : values) {
            xml.append("<param>").append(value).append("</param>");
        }
        return xml.append("</params></methodCall>").toString();
    }

    static MethodCall parse(String xml) throws XmlRpcFault {
        return XmlRpcCodec.parseRequest(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), XmlRpcLimits.DEFAULT);
    }

    static Object parseSingle(String value) throws XmlRpcFault {
        return parse(call(value)).params().get(0);
    }
}
