package eu.stratuslab.oneproxy.server;

import eu.stratuslab.authn.LoginThrottle;
import eu.stratuslab.core.CoreSettings;
import eu.stratuslab.oneproxy.testsupport.InMemoryCore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real {@link OneProxyServer} (plain HTTP on loopback, free ports) over an in-memory core, with
 * the password-file JAAS entry: {@code alice}/{@code secret} and {@code bob}/{@code other} have
 * the role {@code cloud-access}.
 */
final class OneProxyServerFixture extends InMemoryCore {
    static final int MAX_BODY = 1 << 20;

    private final LoginThrottle.Settings throttle;
    OneProxyServer server;

    /**
     * As a JUnit {@code @Rule}. The listeners use the process's shared {@link LoginThrottle}, as in
     * production; {@code throttle} settings replace it for this fixture (the defaults are restored after the test).
     */
    OneProxyServerFixture(LoginThrottle.Settings throttle) {
        super("proxy");
        this.throttle = throttle;
    }

    OneProxyServerFixture() {
        this(LoginThrottle.Settings.defaults());
    }

    @Override
    protected CoreSettings configure(CoreSettings defaults) {
        return defaults.withInitialOneadminPassword("password");
    }

    @Override
    protected void opened(Path dir) throws Exception {
        LoginThrottle.configureShared(throttle);
        Path authn = Files.createDirectories(dir.resolve("authn"));
        Files.writeString(authn.resolve("login-pswd.properties"), "alice=secret,cloud-access\nbob=other,cloud-access\n");
        Files.writeString(authn.resolve("login.conf"),
                "stratuslab-pswd {\n  org.eclipse.jetty.jaas.spi.PropertyFileLoginModule sufficient\n"
                        + "    file=\"login-pswd.properties\";\n};\n"
                        + "stratuslab-cert {\n  org.eclipse.jetty.jaas.spi.PropertyFileLoginModule sufficient\n"
                        + "    file=\"login-pswd.properties\";\n};\n");
        Path ca = Files.createDirectories(dir.resolve("certificates"));
        OneProxySettings settings = new OneProxySettings("127.0.0.1", 0, "127.0.0.1", 0, false, "/one-proxy", true,
                authn, ca, dir.resolve("vomsdir"), dir.resolve("keystore.p12"), "changeit".toCharArray(), "localhost",
                MAX_BODY, 0);
        server = new OneProxyServer(core(), settings);
        server.start();
    }

    URI pswd() {
        return server.proxyEndpoint().resolve("/one-proxy/pswd/xmlrpc");
    }

    /** Sends {@code head} (and {@code body}) on a new connection and returns everything until the server closes. */
    static String exchange(URI target, String head, byte[] body) throws IOException {
        return exchange("127.0.0.1", target, head, body);
    }

    /** As {@link #exchange(URI, String, byte[])} from the loopback address {@code from} (127.0.0.x). */
    static String exchange(String from, URI target, String head, byte[] body) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new java.net.InetSocketAddress(java.net.InetAddress.getByName(from), 0));
            s.connect(new java.net.InetSocketAddress("127.0.0.1", target.getPort()), 5000);
            s.setSoTimeout(10_000); // well below Jetty's 30 s idle timeout
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) >= 0; ) {
                answer.write(buf, 0, n);
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    static String postHead(URI target, String authorization, String framing) {
        return "POST " + target.getPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Type: text/xml\r\n" + framing + "\r\n";
    }

    static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void closing() throws Exception {
        server.close();
        LoginThrottle.configureShared(LoginThrottle.Settings.defaults());
    }
}
