package eu.stratuslab.xmlrpc;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The client tells a fault the server sent from an answer it could not read: both are -503 for
 * callers that switch on the code, but only the second names the answer and shows how it began.
 */
public class XmlRpcClientAnswerTest {
    private final AtomicReference<String> answer = new AtomicReference<>();
    private HttpServer server;
    private XmlRpcClient client;

    @Before
    public void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/RPC2", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        client = new XmlRpcClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/RPC2"));
    }

    @After
    public void stop() {
        server.stop(0);
    }

    @Test
    public void unreadableAnswerIsNamedAndShown() throws Exception {
        answer.set("<?xml version=\"1.0\"?>\r\nX<methodResponse/>");
        try {
            client.call("one.template.delete", "s", 7);
            fail("an unreadable answer must not pass");
        } catch (XmlRpcFault e) {
            assertEquals(-503, e.code());
            assertTrue(e.faultString(), e.faultString().startsWith("Parse error: "));
            assertTrue(e.faultString(), e.faultString().endsWith(
                    "(in the answer: 41 bytes, begins \"<?xml version=\"1.0\"?>\\x0d\\x0aX<methodResponse/>\")"));
        }
    }

    @Test
    public void faultTheServerSentIsPassedAsIs() throws Exception {
        answer.set("<?xml version=\"1.0\"?><methodResponse><fault><value><struct>"
                + "<member><name>faultCode</name><value><i4>-503</i4></value></member>"
                + "<member><name>faultString</name><value><string>Parse error: bad request</string></value></member>"
                + "</struct></value></fault></methodResponse>");
        try {
            client.call("one.template.delete", "s", 7);
            fail("a fault must be thrown");
        } catch (XmlRpcFault e) {
            assertEquals(-503, e.code());
            assertEquals("Parse error: bad request", e.faultString());
        }
    }
}
