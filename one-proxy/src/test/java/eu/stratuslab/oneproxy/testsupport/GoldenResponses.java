package eu.stratuslab.oneproxy.testsupport;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.XmlRpcCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The responses a real OpenNebula 3.2.1 sent (test resources {@code golden/<name>.response.xml},
 * golden/README.md), against which the /RPC2 answers are compared byte for byte.
 */
public final class GoldenResponses {
    private GoldenResponses() {
    }

    /** The complete XML-RPC response body of {@code result} is the captured {@code name}. */
    public static void assertMatches(String name, OneResult result) throws IOException {
        assertEquals(name, captured(name), new String(XmlRpcCodec.encodeResult(result), StandardCharsets.UTF_8));
    }

    private static String captured(String name) throws IOException {
        try (InputStream in = GoldenResponses.class.getResourceAsStream("/golden/" + name + ".response.xml")) {
            assertNotNull("missing golden capture " + name, in);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
