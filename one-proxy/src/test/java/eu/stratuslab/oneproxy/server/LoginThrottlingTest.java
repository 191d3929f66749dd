package eu.stratuslab.oneproxy.server;

import static eu.stratuslab.oneproxy.server.OneProxyServerFixture.basic;
import static eu.stratuslab.oneproxy.server.OneProxyServerFixture.exchange;
import static eu.stratuslab.oneproxy.server.OneProxyServerFixture.postHead;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.authn.LoginThrottle;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.Rule;
import org.junit.Test;

/**
 * Issue 13 item 7 on the one-proxy listeners: failed logins on /RPC2 (session strings) and on the
 * password path lock out the attacking address; the right credentials from another loopback
 * address are served at once.
 */
public class LoginThrottlingTest {
    @Rule
    public final OneProxyServerFixture fx = new OneProxyServerFixture(new LoginThrottle.Settings(3, 10,
            Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofHours(1), 1000));

    private static String call(String from, URI target, String authorization, String session) throws Exception {
        byte[] body = ("<?xml version=\"1.0\"?><methodCall><methodName>one.user.info</methodName><params>"
                + "<param><value><string>" + session + "</string></value></param>"
                + "<param><value><i4>-1</i4></value></param></params></methodCall>").getBytes(StandardCharsets.UTF_8);
        return exchange(from, target, postHead(target, authorization, "Content-Length: " + body.length
                + "\r\nConnection: close\r\n"), body);
    }

    private static boolean authenticated(String answer) {
        return answer.startsWith("HTTP/1.1 200 ") && answer.contains("<boolean>1</boolean>");
    }

    @Test
    public void rpc2SessionGuessesLockOutTheAddressOnly() throws Exception {
        URI rpc2 = fx.server.rpc2Endpoint();
        assertTrue(authenticated(call("127.0.0.2", rpc2, null, "oneadmin:password")));
        for (int i = 0; i < 3; i++) {
            String answer = call("127.0.0.1", rpc2, null, "oneadmin:guess" + i);
            assertTrue(answer, answer.contains("User couldn't be authenticated, aborting call."));
        }
        String locked = call("127.0.0.1", rpc2, null, "oneadmin:password");
        assertTrue(locked, locked.contains("User couldn't be authenticated, aborting call."));
        assertTrue("the user elsewhere", authenticated(call("127.0.0.2", rpc2, null, "oneadmin:password")));
        assertTrue(LoginThrottle.shared().failures() >= 4);
    }

    @Test
    public void passwordGuessesOnTheProxyLockOutTheAddressOnly() throws Exception {
        URI pswd = fx.pswd();
        assertTrue(authenticated(call("127.0.0.2", pswd, basic("alice", "secret"), "x")));
        for (int i = 0; i < 3; i++) {
            assertTrue(call("127.0.0.1", pswd, basic("alice", "guess" + i), "x").startsWith("HTTP/1.1 401 "));
        }
        String locked = call("127.0.0.1", pswd, basic("alice", "secret"), "x");
        assertTrue(locked, locked.startsWith("HTTP/1.1 401 "));
        assertTrue(locked, locked.contains("Retry-After: "));
        assertTrue("the user elsewhere", authenticated(call("127.0.0.2", pswd, basic("alice", "secret"), "x")));
        assertEquals(4, LoginThrottle.shared().failures());
    }
}
