package eu.stratuslab.oneproxy.server;

import static eu.stratuslab.oneproxy.server.OneProxyServerFixture.MAX_BODY;
import static eu.stratuslab.oneproxy.server.OneProxyServerFixture.basic;
import static eu.stratuslab.oneproxy.server.OneProxyServerFixture.exchange;
import static eu.stratuslab.oneproxy.server.OneProxyServerFixture.postHead;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.Rule;
import org.junit.Test;

/**
 * Issue 13 item 5 on the one-proxy and /RPC2 listeners: a declared body over the cap is 413 at
 * once, before authentication and without a byte of it being read; a chunked body is cut at the cap.
 */
public class RequestSizeLimitTest {
    @Rule
    public final OneProxyServerFixture fx = new OneProxyServerFixture();

    @Test
    public void declaredOversizeBodyIs413BeforeAuthenticationOnEveryListener() throws Exception {
        String length = "Content-Length: " + (MAX_BODY + 1) + "\r\n";
        for (URI target : new URI[] {fx.pswd(), fx.server.rpc2Endpoint(),
                fx.server.proxyEndpoint().resolve("/pswd/xmlrpc"), fx.server.proxyEndpoint().resolve("/one-proxy/cert/xmlrpc")}) {
            for (String auth : new String[] {null, basic("alice", "secret")}) {
                String answer = exchange(target, postHead(target, auth, length), null);
                assertTrue(target + " " + answer, answer.startsWith("HTTP/1.1 413 "));
                assertTrue(answer, answer.toLowerCase().contains("connection: close"));
            }
        }
    }

    @Test
    public void chunkedOversizeBodyIsCutAtTheCap() throws Exception {
        byte[] chunk = ("<?xml version=\"1.0\"?><methodCall><methodName>one.user.info</methodName><params><param><value>"
                + "x".repeat(MAX_BODY)).getBytes(StandardCharsets.US_ASCII);
        for (URI target : new URI[] {fx.pswd(), fx.server.rpc2Endpoint()}) {
            // the body never ends: the 413 must come once the cap is passed
            String answer = exchange(target, postHead(target, basic("alice", "secret"), "Transfer-Encoding: chunked\r\n")
                    + Integer.toHexString(chunk.length) + "\r\n", chunk);
            assertTrue(target + " " + answer, answer.startsWith("HTTP/1.1 413 "));
        }
    }
}
