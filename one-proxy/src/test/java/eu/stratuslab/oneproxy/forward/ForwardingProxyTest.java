package eu.stratuslab.oneproxy.forward;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import eu.stratuslab.authn.LoginThrottle;
import eu.stratuslab.authn.cert.GridTrust;
import eu.stratuslab.authn.cert.TrustSettings;
import eu.stratuslab.authn.testca.ClientCertificateHttp;
import eu.stratuslab.authn.testca.TestCa;
import eu.stratuslab.infra.http.HttpEndpoint;
import eu.stratuslab.oneproxy.server.OneProxyServer;
import eu.stratuslab.oneproxy.server.OneProxySettings;
import eu.stratuslab.xmlrpc.MethodCall;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.XmlRpcClient;
import eu.stratuslab.xmlrpc.XmlRpcCodec;
import eu.stratuslab.xmlrpc.XmlRpcFault;
import eu.stratuslab.xmlrpc.XmlRpcHttpException;
import eu.stratuslab.xmlrpc.XmlRpcLimits;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.client.XmlRpcClientConfigImpl;
import org.eclipse.jetty.io.Content;
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
 * Forward mode at its seam (authn.md §11): a real forwarding one-proxy (JAAS password file, Jetty)
 * in front of a fake external oned, a tiny Jetty handler that records what arrives and answers
 * what each test tells it to, including broken answers, errors and silence. The end-to-end test
 * against a real second cloud is {@code ForwardModeTest} in the cloud module.
 */
public class ForwardingProxyTest {
    private static final String FORTY_A = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final Duration PATIENT = Duration.ofSeconds(30);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** What the fake oned received, raw and decoded. */
    private final List<byte[]> received = new CopyOnWriteArrayList<>();
    private final List<MethodCall> calls = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile byte[] answer = XmlRpcCodec.encodeResult(OneResult.ok("<VM><ID>7</ID></VM>"));
    /** While set, the fake oned does not answer until the latch is released (in {@link #stop}). */
    private volatile CountDownLatch stall;

    private HttpEndpoint backend;
    private GridTrust trust;
    private final List<OneProxyServer> proxies = new ArrayList<>();
    private Path authn;
    private TestCa ca;

    @Before
    public void fakeOnedAndUsers() throws Exception {
        LoginThrottle.configureShared(LoginThrottle.Settings.defaults());
        backend = HttpEndpoint.builder("fake-oned").listen("127.0.0.1", 0).threads(16, 2).build();
        backend.setHandler(new Handler.Abstract(org.eclipse.jetty.util.thread.Invocable.InvocationType.BLOCKING) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                byte[] body = Content.Source.asInputStream(request).readAllBytes();
                received.add(body);
                calls.add(XmlRpcCodec.parseRequest(new ByteArrayInputStream(body), XmlRpcLimits.DEFAULT));
                CountDownLatch hold = stall;
                if (hold != null) {
                    hold.await(2, TimeUnit.MINUTES);
                }
                response.setStatus(status);
                response.getHeaders().put("Content-Type", "text/xml");
                response.write(true, ByteBuffer.wrap(answer), callback);
                return true;
            }
        });
        backend.start();
        authn = Files.createDirectories(tmp.getRoot().toPath().resolve("authn"));
        Files.writeString(authn.resolve("login-pswd.properties"), "john.doe@example.org=secret,cloud-access\n"
                + "oneadmin=admin:pw@x,cloud-access\nnorole=pw,other\n");
        Files.writeString(authn.resolve("login.conf"),
                "stratuslab-pswd {\n  org.eclipse.jetty.jaas.spi.PropertyFileLoginModule sufficient\n"
                        + "    file=\"login-pswd.properties\";\n};\n"
                        + "stratuslab-cert {\n  eu.stratuslab.authn.CertLoginModule sufficient\n"
                        + "    file=\"login-cert.properties\";\n};\n");
        Files.writeString(authn.resolve("login-cert.properties"), "\"" + TestCa.USER_DN + "\" cloud-access\n");
        ca = TestCa.shared();
        trust = GridTrust.open(new TrustSettings(ca.caDir(), TrustSettings.DEFAULT_NAMESPACE_MODE,
                TrustSettings.DEFAULT_CRL_MODE, TrustSettings.DEFAULT_RELOAD_INTERVAL), ca.vomsDir());
    }

    @After
    public void stop() throws Exception {
        CountDownLatch hold = stall;
        if (hold != null) {
            hold.countDown();
        }
        for (OneProxyServer p : proxies) {
            p.close();
        }
        if (trust != null) {
            trust.close();
        }
        backend.stop();
    }

    private URI backendRpc2() {
        return URI.create(backend.baseUri() + "/RPC2");
    }

    /** A forwarding one-proxy (plain HTTP, free port) to {@code target}; its password endpoint. */
    private URI forwardingProxy(URI target, Duration readTimeout) throws Exception {
        return forwardingProxy(target, readTimeout, false).proxyEndpoint();
    }

    private OneProxyServer forwardingProxy(URI target, Duration readTimeout, boolean tls) throws Exception {
        OneProxySettings settings = new OneProxySettings("127.0.0.1", 0, "127.0.0.1", 0, tls, "/one-proxy", true,
                authn, ca.caDir(), ca.vomsDir(), tmp.getRoot().toPath().resolve("keystore.p12"), "changeit".toCharArray(),
                "localhost", 1 << 20, 0);
        OneProxyServer proxy = OneProxyServer.forwarding(settings, trust, new ForwardingDispatcher(
                new ForwardSettings(target, Duration.ofSeconds(5), readTimeout, 1 << 20)));
        proxies.add(proxy);
        proxy.start();
        assertFalse("forward mode has no /RPC2 of its own", proxy.servesRpc2());
        return proxy;
    }

    private URI forwardingProxy() throws Exception {
        return forwardingProxy(backendRpc2(), PATIENT);
    }

    /** The Apache XML-RPC client, as third-party Java clients call the one-proxy. */
    private static org.apache.xmlrpc.client.XmlRpcClient apache(URI endpoint, String user, String password)
            throws Exception {
        XmlRpcClientConfigImpl config = new XmlRpcClientConfigImpl();
        config.setServerURL(new URL(endpoint.toString()));
        config.setBasicUserName(user);
        config.setBasicPassword(password);
        config.setReplyTimeout(60_000);
        org.apache.xmlrpc.client.XmlRpcClient client = new org.apache.xmlrpc.client.XmlRpcClient();
        client.setConfig(config);
        return client;
    }

    private static String raw(String xml) {
        return "<?xml version=\"1.0\"?>\n<methodResponse><params><param><value>" + xml
                + "</value></param></params></methodResponse>\n";
    }

    @Test
    public void aPasswordUsersCallGoesOnWithTheAccountSessionAndItsAnswerComesBack() throws Exception {
        URI proxy = forwardingProxy();
        Object[] r = (Object[]) apache(proxy, "john.doe@example.org", "secret")
                .execute("one.vm.info", new Object[] {"john.doe@example.org:secret", 7});

        assertArrayEquals(new Object[] {true, "<VM><ID>7</ID></VM>", 0}, r);
        assertEquals(1, calls.size());
        assertEquals("one.vm.info", calls.get(0).methodName());
        assertEquals(List.of("john.doe%40example.org:" + FORTY_A, 7), calls.get(0).params());
        assertFalse("the client's own session never reaches the external oned",
                new String(received.get(0), StandardCharsets.UTF_8).contains("secret"));
    }

    @Test
    public void aGridProxyUserGoesOnAsTheAccountOfItsCertificate() throws Exception {
        OneProxyServer proxy = forwardingProxy(backendRpc2(), PATIENT, true);
        HttpResponse<String> r = ClientCertificateHttp.client(ca.rfcProxy).send(HttpRequest.newBuilder(proxy.certEndpoint())
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofByteArray(XmlRpcCodec.encodeCall(
                        new MethodCall("one.vm.info", List.of("dummy:pass", 7))))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 200, r.statusCode());
        assertEquals(List.of("CN%3DJane+Tester%2COU%3DLAL%2CO%3DCNRS%2CC%3DFR:" + FORTY_A, 7), calls.get(0).params());
    }

    @Test
    public void oneadminGoesOnWithItsOwnPassword() throws Exception {
        URI proxy = forwardingProxy();
        apache(proxy, "oneadmin", "admin:pw@x").execute("one.userpool.info", new Object[] {"whatever"});
        assertEquals(List.of("oneadmin:admin:pw@x"), calls.get(0).params());
    }

    @Test
    public void aCallWithoutParametersGetsTheSessionAsItsOnlyOne() throws Exception {
        URI proxy = forwardingProxy();
        apache(proxy, "john.doe@example.org", "secret").execute("one.system.version", new Object[0]);
        assertEquals(List.of("john.doe%40example.org:" + FORTY_A), calls.get(0).params());
    }

    @Test
    public void parametersGoOnUnchangedAndSmallI8sAsI4() throws Exception {
        URI proxy = forwardingProxy();
        new XmlRpcClient(proxy).withBasicAuth("john.doe@example.org", "secret")
                .call("one.vmpool.info", "x", 5L, 1L << 40, List.of(-1L, "s", true), "<&>");
        String sent = new String(received.get(0), StandardCharsets.UTF_8);
        assertTrue(sent, sent.contains("<i4>5</i4>"));
        assertTrue(sent, sent.contains("<i8>1099511627776</i8>"));
        assertTrue(sent, sent.contains("<i4>-1</i4>"));
        assertEquals(List.of("john.doe%40example.org:" + FORTY_A, 5, 1L << 40, List.of(-1, "s", true), "<&>"),
                calls.get(0).params());
    }

    @Test
    public void theAnswerIsReencodedUnderTheWireRules() throws Exception {
        answer = raw("<array><data><value><boolean>1</boolean></value><value><ex:i8 "
                + "xmlns:ex=\"http://ws.apache.org/xmlrpc/namespaces/extensions\">12</ex:i8></value>"
                + "<value>untyped &amp; text</value></data></array>").getBytes(StandardCharsets.UTF_8);
        URI proxy = forwardingProxy();
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(proxy)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "john.doe@example.org:secret".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(XmlRpcCodec.encodeCall(new MethodCall("one.vm.allocate",
                        List.of("s", "tmpl"))))).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertEquals(new String(XmlRpcCodec.encodeResponseValue(List.of(true, 12, "untyped & text")),
                StandardCharsets.UTF_8), body);
    }

    @Test
    public void aFaultOfTheExternalOnedIsRelayed() throws Exception {
        answer = XmlRpcCodec.encodeFault(XmlRpcFault.notEnoughParameters());
        assertFault(null, forwardingProxy(), "one.vm.info", -501, "Not enough parameters");
    }

    @Test
    public void multicallIsRefusedWithoutReachingTheExternalOned() throws Exception {
        assertFault(null, forwardingProxy(), "system.multicall", -506, "Method 'system.multicall' not defined");
        assertEquals(0, received.size());
    }

    @Test
    public void badCredentialsAreRefusedByTheProxyWithoutReachingTheExternalOned() throws Exception {
        URI proxy = forwardingProxy();
        XmlRpcClient wrong = new XmlRpcClient(proxy).withBasicAuth("john.doe@example.org", "guess");
        assertHttpRefusal("a wrong password was forwarded", 401,
                () -> wrong.call("one.vmpool.info", "john.doe@example.org:guess", -2, -1, -1, -1));
        assertHttpRefusal("a user without cloud-access was forwarded", 403,
                () -> new XmlRpcClient(proxy).withBasicAuth("norole", "pw").call("one.vmpool.info", "x", -2));
        assertHttpRefusal("an anonymous call was forwarded", 401,
                () -> new XmlRpcClient(proxy).call("one.vmpool.info", "oneadmin:anything", -2));
        assertEquals(0, received.size());
    }

    @Test
    public void malformedAnswersBecomeBackendErrors() throws Exception {
        URI proxy = forwardingProxy();
        String notXmlRpc = "Backend error: the external OpenNebula sent an answer that is not valid XML-RPC";
        for (String bad : List.of("<html>oops</html>", "not xml at all", "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE m [<!ENTITY x \"y\">]><methodResponse><params><param><value>&x;</value></param></params>"
                + "</methodResponse>", raw("<array><data><value><boolean>1</boolean></value>"))) {
            answer = bad.getBytes(StandardCharsets.UTF_8);
            assertFault(bad, proxy, "one.vm.info", -504, notXmlRpc);
        }
        for (String unreadable : List.of("<double>1.5</double>", "<struct></struct>", "<nil/>",
                "<i8>99999999999</i8>")) {
            answer = raw("<array><data><value><boolean>1</boolean></value><value>" + unreadable
                    + "</value><value><i4>0</i4></value></data></array>").getBytes(StandardCharsets.UTF_8);
            assertFault(unreadable, proxy, "one.vm.info", -504,
                    "Backend error: the answer of the external OpenNebula holds a value clients cannot read");
        }
    }

    @Test
    public void anAnswerOverTheSizeCapIsABackendError() throws Exception {
        answer = XmlRpcCodec.encodeResult(OneResult.ok("x".repeat(2 << 20))); // the cap here is 1 MiB
        assertFault(null, forwardingProxy(), "one.vmpool.info", -504,
                "Backend error: the exchange with the external OpenNebula failed");
    }

    @Test
    public void anHttpErrorOfTheExternalOnedIsABackendError() throws Exception {
        status = 503;
        answer = "busy".getBytes(StandardCharsets.US_ASCII);
        assertFault(null, forwardingProxy(), "one.vm.info", -504,
                "Backend error: the external OpenNebula answered HTTP 503");
    }

    @Test
    public void anExternalOnedThatIsTooSlowIsATimeout() throws Exception {
        stall = new CountDownLatch(1);
        assertFault(null, forwardingProxy(backendRpc2(), Duration.ofSeconds(1)), "one.vm.info", -504,
                "Backend error: no answer from the external OpenNebula within 1000 ms");
    }

    @Test
    public void anExternalOnedThatIsDownIsABackendError() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        assertFault(null, forwardingProxy(URI.create("http://127.0.0.1:" + closedPort + "/RPC2"), PATIENT),
                "one.vm.info", -504, "Backend error: cannot connect to the external OpenNebula");
    }

    /**
     * A password user's call of {@code method} through the proxy ends in that XML-RPC fault
     * ({@code context} names the case in the assertion messages; null where the test has one case).
     */
    private static void assertFault(String context, URI proxy, String method, int code, String message)
            throws Exception {
        XmlRpcException e;
        try {
            Object r = apache(proxy, "john.doe@example.org", "secret").execute(method, new Object[] {"s", 7});
            throw new AssertionError("no fault but " + java.util.Arrays.deepToString(new Object[] {r}));
        } catch (XmlRpcException fault) {
            if (fault instanceof org.apache.xmlrpc.client.XmlRpcHttpTransportException) {
                throw fault;
            }
            e = fault;
        }
        assertEquals(context, code, e.code);
        assertEquals(context, message, e.getMessage());
    }

    /** The call is refused at the HTTP level with that status ({@code forwarded}: the failure message). */
    private static void assertHttpRefusal(String forwarded, int status, ClientCall call) throws Exception {
        try {
            call.run();
        } catch (XmlRpcHttpException e) {
            assertEquals(status, e.status());
            return;
        }
        fail(forwarded);
    }

    @FunctionalInterface
    private interface ClientCall {
        void run() throws Exception;
    }
}
