package eu.stratuslab.authn.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.authn.JaasAuthenticator;
import eu.stratuslab.authn.LoginConfiguration;
import eu.stratuslab.authn.LoginThrottle;
import eu.stratuslab.authn.support.CapturedLog;
import eu.stratuslab.authn.support.TestFiles;
import eu.stratuslab.infra.http.HttpEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Issue 13 item 7 through BasicAuthHandler in a real Jetty server: failed logins lock out the
 * address and, for unknown addresses, the account; the right password from another address is
 * still served at once. Clients connect from different loopback addresses (127.0.0.x).
 */
public class LoginThrottlingTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private HttpEndpoint server;
    private int port;
    private final MutableClock clock = new MutableClock();
    private LoginThrottle throttle;
    @Rule
    public final CapturedLog lines = new CapturedLog(LoginThrottle.class.getName());

    private static final class MutableClock extends Clock {
        volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    private static final class Ok extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.setStatus(200);
            response.write(true, StandardCharsets.UTF_8.encode("ok"), callback);
            return true;
        }
    }

    @Before
    public void start() throws Exception {
        LoginConfiguration config = LoginConfiguration.load(TestFiles.passwordLoginConf(tmp.getRoot().toPath(),
                "alice=secret,cloud-access", "bob=bobpw,cloud-access"));
        // no credential cache: every attempt reaches the login module
        JaasAuthenticator passwords = new JaasAuthenticator(config, "stratuslab-pswd", Duration.ZERO, 0);
        throttle = new LoginThrottle(new LoginThrottle.Settings(3, 5, Duration.ofSeconds(30), Duration.ofMinutes(5),
                Duration.ofHours(1), 1000), clock);
        server = HttpEndpoint.builder("login-throttling-test").build();
        server.setHandler(new BasicAuthHandler(passwords, "StratusLab Password Realm", "cloud-access", throttle, new Ok()));
        server.start();
        port = server.connector().getLocalPort();
    }

    @After
    public void stop() throws Exception {
        server.stop();
    }

    /** The status line and headers of a GET with Basic credentials, sent from {@code from}. */
    private String get(String from, String user, String password) throws Exception {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + auth
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static int status(String answer) {
        return Integer.parseInt(answer.substring(9, 12));
    }

    @Test
    public void anAttackedAddressIsLockedOutButTheUserElsewhereIsNot() throws Exception {
        assertEquals(200, status(get("127.0.0.2", "alice", "secret"))); // alice's usual address
        for (int i = 0; i < 3; i++) {
            assertEquals(401, status(get("127.0.0.1", "alice", "guess" + i)));
        }
        // the attacker's address is locked out: even the right password is refused, unchecked
        String locked = get("127.0.0.1", "alice", "secret");
        assertEquals(401, status(locked));
        assertTrue(locked, locked.contains("Retry-After: "));
        assertTrue(locked, locked.contains(HttpHeader.WWW_AUTHENTICATE.asString()));
        // ... also for another account
        assertEquals(401, status(get("127.0.0.1", "bob", "bobpw")));
        // alice elsewhere: served at once
        assertEquals(200, status(get("127.0.0.2", "alice", "secret")));
        assertEquals(200, status(get("127.0.0.3", "bob", "bobpw")));
        // the lockout ends
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        assertEquals(200, status(get("127.0.0.1", "alice", "secret")));
    }

    @Test
    public void anAccountAttackedFromManyAddressesStillServesItsKnownAddresses() throws Exception {
        assertEquals(200, status(get("127.0.0.2", "alice", "secret")));
        for (int i = 0; i < 5; i++) { // one guess each from five addresses: no address reaches its limit
            assertEquals(401, status(get("127.0.0.1" + i, "alice", "guess")));
        }
        // a new address is refused for alice (the account is locked out for it), the known one is served
        assertEquals(401, status(get("127.0.0.30", "alice", "secret")));
        assertEquals(200, status(get("127.0.0.2", "alice", "secret")));
        // other accounts from the new address are not affected
        assertEquals(200, status(get("127.0.0.30", "bob", "bobpw")));
    }

    @Test
    public void failuresAreCountedAndLoggedWithinLimits() throws Exception {
        for (int i = 0; i < 60; i++) {
            get("127.0.0.1", "nobody" + i, "x");
        }
        assertEquals(60, throttle.failures());
        assertTrue(lines.events().size() + " lines", lines.events().size() <= 20 && !lines.events().isEmpty());
        assertTrue(lines.events().get(0).getFormattedMessage(), lines.events().get(0).getFormattedMessage().contains("127.0.0.1"));
    }
}
