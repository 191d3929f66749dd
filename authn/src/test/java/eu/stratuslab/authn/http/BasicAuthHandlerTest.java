package eu.stratuslab.authn.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import eu.stratuslab.authn.AuthenticatedUser;
import eu.stratuslab.authn.JaasAuthenticator;
import eu.stratuslab.authn.LoginConfiguration;
import eu.stratuslab.authn.support.CapturedLog;
import eu.stratuslab.authn.support.TestFiles;
import eu.stratuslab.infra.http.HttpEndpoint;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
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

/** BasicAuthHandler in a real Jetty server on a free loopback port, with the password-file JAAS entry. */
public class BasicAuthHandlerTest {

    private static final String REALM = "StratusLab Password Realm";
    /** bcrypt of "s3cr:et@" (glibc crypt, $2b$, cost 5). */
    private static final String BCRYPT_OF_SECRET = "$2b$05$abcdefghijklmnopqrstuusHZ2rgz8QL4kRKOsziWCd/bhc7DjfvG";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private HttpEndpoint server;
    private JaasAuthenticator authenticator;
    private URI base;
    private final HttpClient client = HttpClient.newHttpClient();
    @Rule
    public final CapturedLog logged = new CapturedLog("eu.stratuslab");

    /** Echoes the authenticated user, as one-proxy and pdisk read it. */
    private static final class EchoUser extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            AuthenticatedUser user = (AuthenticatedUser) request.getAttribute(AuthenticatedUser.REQUEST_ATTRIBUTE);
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.write(true, StandardCharsets.UTF_8.encode(user.identity() + " " + user.accountName()), callback);
            return true;
        }
    }

    @Before
    public void startServer() throws Exception {
        LoginConfiguration config = LoginConfiguration.load(TestFiles.passwordLoginConf(tmp.getRoot().toPath(),
                "alice=" + BCRYPT_OF_SECRET + ",cloud-access",
                "john.doe@example.org=pw,cloud-access",
                "norole=pw,other"));
        authenticator = new JaasAuthenticator(config, "stratuslab-pswd");

        server = HttpEndpoint.builder("basic-auth-test").build();
        server.setHandler(new BasicAuthHandler(authenticator, REALM, "cloud-access", new EchoUser()));
        server.start();
        base = server.baseUri().resolve("/one-proxy/pswd/xmlrpc");
    }

    @After
    public void stopServer() throws Exception {
        server.stop();
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(String method, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base)
                .method(method, method.equals("POST") || method.equals("PUT")
                        ? HttpRequest.BodyPublishers.ofString("<methodCall/>") : HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertChallenge(HttpResponse<String> response) {
        assertEquals(401, response.statusCode());
        assertEquals(List.of("Basic realm=\"" + REALM + "\""), response.headers().allValues("WWW-Authenticate"));
    }

    @Test
    public void noCredentialsGetTheChallengeForEveryMethod() throws Exception {
        for (String method : List.of("POST", "GET", "PUT", "DELETE", "HEAD")) {
            assertChallenge(send(method, null));
        }
    }

    @Test
    public void wrongOrMalformedCredentialsGetTheChallenge() throws Exception {
        assertChallenge(send("POST", basic("alice:s3cr:et")));
        assertChallenge(send("POST", basic("alice:s3cr")));
        assertChallenge(send("POST", basic("nobody:s3cr:et@")));
        assertChallenge(send("POST", basic("alice")));
        assertChallenge(send("POST", "Basic not*base64"));
        assertChallenge(send("POST", "Bearer abc"));
    }

    @Test
    public void aPasswordWithColonAndAtSignIsSplitAtTheFirstColon() throws Exception {
        HttpResponse<String> response = send("POST", basic("alice:s3cr:et@"));
        assertEquals(200, response.statusCode());
        assertEquals("alice alice", response.body());
    }

    @Test
    public void theRequestAttributeCarriesIdentityAndAccountName() throws Exception {
        HttpResponse<String> response = send("GET", basic("john.doe@example.org:pw"));
        assertEquals(200, response.statusCode());
        assertEquals("john.doe@example.org john.doe%40example.org", response.body());
    }

    @Test
    public void authenticatedWithoutTheRoleIsForbidden() throws Exception {
        HttpResponse<String> response = send("POST", basic("norole:pw"));
        assertEquals(403, response.statusCode());
        assertFalse(response.headers().firstValue("WWW-Authenticate").isPresent());
    }

    @Test
    public void aCacheHitAvoidsASecondBcrypt() throws Exception {
        assertEquals(200, send("POST", basic("alice:s3cr:et@")).statusCode());
        assertEquals(200, send("POST", basic("alice:s3cr:et@")).statusCode());
        assertEquals(200, send("GET", basic("alice:s3cr:et@")).statusCode());
        assertEquals(1, authenticator.loginsRun());
        assertChallenge(send("POST", basic("alice:s3cr:et!")));
        assertEquals(2, authenticator.loginsRun());
    }

    @Test
    public void standardReasonPhrases() throws Exception {
        assertEquals("HTTP/1.1 401 Unauthorized", statusLine(null));
        assertEquals("HTTP/1.1 403 Forbidden", statusLine(basic("norole:pw")));
        assertEquals("HTTP/1.1 200 OK", statusLine(basic("alice:s3cr:et@")));
    }

    @Test
    public void failuresAreLoggedWithUserAndPeerButNeverThePassword() throws Exception {
        String header = basic("alice:Very-Secret-1");
        assertChallenge(send("POST", header));
        assertEquals(403, send("POST", basic("norole:pw")).statusCode());
        boolean failureLogged = false;
        for (ILoggingEvent event : logged.events()) {
            String message = event.getFormattedMessage();
            assertFalse(message, message.contains("Very-Secret-1"));
            assertFalse(message, message.contains(header.substring(6)));
            failureLogged |= message.contains("'alice'") && message.contains("127.0.0.1");
        }
        assertTrue("failure logged with user and peer", failureLogged);
    }

    @Test
    public void loggedUserNamesCannotForgeLogLines() throws Exception {
        assertChallenge(send("POST", basic("evil\nINFO admin logged in:pw")));
        assertTrue(logged.events().stream().map(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.contains("'evil?INFO admin logged in'")));
        assertTrue(logged.events().stream().map(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains("\n")));
    }

    private String statusLine(String authorization) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + base.getPath() + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }
}
