package eu.stratuslab.xmlrpc;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 13 item 6: no parser writes to stderr (the JDK's StAX printed {@code [Fatal Error]} for
 * every body with invalid UTF-8), and malformed requests are logged with the client address, at
 * most a few lines per minute however many arrive.
 */
public class MalformedRequestLoggingTest {
    @Rule
    public final EchoServer server = new EchoServer(1 << 20);

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(XmlRpcHandler.class);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Before
    public void listen() {
        lines.start();
        logger.addAppender(lines);
    }

    @After
    public void stopListening() {
        logger.detachAppender(lines);
    }

    private int post(byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(server.endpoint()).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).statusCode();
    }

    @Test
    public void invalidUtf8WritesNothingToStderrAndIsAFault() throws Exception {
        byte[] bad = "<?xml version=\"1.0\"?><methodCall><methodName>\u00ff\u00fe</methodName></methodCall>"
                .getBytes(StandardCharsets.ISO_8859_1);
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(200, post(bad));
            // the same bytes through the codec directly (the parser itself, no HTTP)
            try {
                XmlRpcCodec.parseRequest(new java.io.ByteArrayInputStream(bad), XmlRpcLimits.DEFAULT);
                org.junit.Assert.fail("a fault was expected");
            } catch (XmlRpcFault expected) {
                assertEquals(-503, expected.code());
                assertTrue(expected.getMessage(), expected.getMessage().contains("UTF-8"));
            }
        } finally {
            System.setErr(original);
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void otherEncodingsStillWork() throws Exception {
        String call = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><methodCall><methodName>echo.id</methodName>"
                + "<params><param><value><string>caf\u00e9</string></value></param></params></methodCall>";
        MethodCall parsed = XmlRpcCodec.parseRequest(new java.io.ByteArrayInputStream(call.getBytes(StandardCharsets.ISO_8859_1)),
                XmlRpcLimits.DEFAULT);
        assertEquals(List.of("caf\u00e9"), parsed.params());
        byte[] bom = ("\uFEFF<?xml version=\"1.0\"?><methodCall><methodName>m</methodName></methodCall>")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals("m", XmlRpcCodec.parseRequest(new java.io.ByteArrayInputStream(bom), XmlRpcLimits.DEFAULT).methodName());
        byte[] utf16 = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><methodCall><methodName>m16</methodName></methodCall>"
                .getBytes(StandardCharsets.UTF_16);
        assertEquals("m16", XmlRpcCodec.parseRequest(new java.io.ByteArrayInputStream(utf16), XmlRpcLimits.DEFAULT).methodName());
    }

    /**
     * Small bodies are decoded whole, larger ones as they stream (XmlCharacters.WHOLE_BYTES): both
     * give the same characters, and both refuse a bad byte sequence wherever it is.
     */
    @Test
    public void smallAndLargeBodiesDecodeAlikeAndRefuseBadBytesAnywhere() throws Exception {
        for (int padding : new int[] {0, XmlCharacters.WHOLE_BYTES, 3 * XmlCharacters.WHOLE_BYTES}) {
            String text = "x".repeat(padding) + "caf\u00e9 \u4e2d\u6587 \ud83d\ude00";
            for (String encoding : new String[] {"UTF-8", "UTF-16"}) {
                byte[] call = ("<?xml version=\"1.0\" encoding=\"" + encoding + "\"?><methodCall><methodName>echo.id</methodName>"
                        + "<params><param><value><string>" + text + "</string></value></param></params></methodCall>")
                        .getBytes(encoding);
                MethodCall parsed = XmlRpcCodec.parseRequest(new java.io.ByteArrayInputStream(call),
                        new XmlRpcLimits(8 << 20, 64));
                assertEquals(padding + " " + encoding, List.of(text), parsed.params());
            }
            byte[] good = ("<methodCall><methodName>m</methodName><params><param><value><string>" + "y".repeat(padding)
                    + "\u00e9</string></value></param></params></methodCall>").getBytes(StandardCharsets.UTF_8);
            byte[] bad = good.clone();
            bad[bad.length - "</string></value></param></params></methodCall>".length() - 1] = (byte) 0x41; // a lone lead byte
            try {
                XmlRpcCodec.parseRequest(new java.io.ByteArrayInputStream(bad), new XmlRpcLimits(8 << 20, 64));
                fail("invalid UTF-8 after " + padding + " bytes was accepted");
            } catch (XmlRpcFault expected) {
                assertEquals(-503, expected.code());
                assertTrue(expected.getMessage(), expected.getMessage().contains("UTF-8"));
            }
        }
    }

    @Test
    public void malformedRequestsAreLoggedWithTheClientAddressAndRateLimited() throws Exception {
        for (int i = 0; i < 200; i++) {
            assertEquals(200, post(("<methodCall><methodName>m" + i + "</methodName>").getBytes(StandardCharsets.UTF_8)));
        }
        List<String> text = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertFalse("a malformed request is logged", text.isEmpty());
        assertTrue(text.toString(), text.get(0).contains("127.0.0.1"));
        assertTrue(text.toString(), text.get(0).contains("malformed"));
        assertTrue("rate-limited: " + text.size() + " lines", text.size() <= XmlRpcHandler.MALFORMED_LINES_PER_MINUTE);
    }
}
