package eu.stratuslab.xmlrpc;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.client.XmlRpcClientConfigImpl;
import org.junit.Assume;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * A real Jetty server on a free loopback port with {@link XmlRpcHandler} and an echo dispatcher,
 * called by the Apache XML-RPC client, Python 3's xmlrpc.client, our own client and raw sockets
 * that send Python 2's exact bytes.
 */
public class XmlRpcHandlerIntegrationTest {

    private static final int MAX_BODY = 1 << 20;
    /** Well below Jetty's 30 s idle timeout: an answer within it did not wait for the body. */
    private static final int ANSWER_BEFORE_IDLE_MS = 10_000;

    @ClassRule
    public static final EchoServer SERVER = new EchoServer(MAX_BODY);

    // ---- our client ----

    @Test
    public void ownClientGetsTriples() throws Exception {
        XmlRpcClient client = new XmlRpcClient(SERVER.endpoint());
        assertEquals(List.of(true, 42, 0), client.call("echo.id", "S", 42));
        assertEquals(List.of(false, "[X] Error <&>", 1024), client.call("echo.error", "S", "[X] Error <&>"));
        assertEquals(List.of(true, 7, 0), client.call("echo.id", "S", 7L));
    }

    @Test
    public void ownClientSendsEveryType() throws Exception {
        XmlRpcClient client = new XmlRpcClient(SERVER.endpoint()).withBasicAuth("alice", "s3cr:et@");
        Object reply = client.call("echo.types", "S", 1, 5_000_000_000L, true, "x&y", 2.5,
                Date.from(Instant.parse("2020-01-02T03:04:05Z")), new byte[] {1, 2}, List.of(1, "a"), Map.of("k", 1), null);
        assertEquals(List.of(true, "[str:S,int:1,i8:5000000000,bool:true,str:x&y,double:2.5,date:2020-01-02T03:04:05Z,"
                + "base64:AQI=,[int:1,str:a],{k=int:1},nil]", 0), reply);
    }

    @Test
    public void faultsReachTheClient() throws Exception {
        XmlRpcClient client = new XmlRpcClient(SERVER.endpoint());
        assertFault(-506, "Method 'one.nosuch.method' not defined", () -> client.call("one.nosuch.method", "S"));
        assertFault(-501, "Not enough parameters", () -> client.call("echo.id", "S"));
        assertFault(-501, "Type mismatch: parameter 1 is not int", () -> client.call("echo.id", "S", "7"));
        assertFault(-500, "Internal error", () -> client.call("echo.boom", "S"));
        assertEquals(List.of(true, 1, 0), client.call("echo.id", "S", 1));
    }

    @Test
    public void largeResponsesAreGzippedWhenAccepted() throws Exception {
        XmlRpcClient client = new XmlRpcClient(SERVER.endpoint());
        String expected = EchoDispatcher.bigDocument(1_500_000);
        assertEquals(List.of(true, expected, 0), client.call("echo.big", "S", 1_500_000));

        byte[] request = XmlRpcCodec.encodeCall(new MethodCall("echo.big", List.of("S", 100_000)));
        HttpResponse<byte[]> gzipped = post(request, "Accept-Encoding", "gzip");
        assertEquals(200, gzipped.statusCode());
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(""));
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertArrayEquals(XmlRpcCodec.encodeResult(OneResult.ok(EchoDispatcher.bigDocument(100_000))), in.readAllBytes());
        }
        HttpResponse<byte[]> plain = post(request, "Accept-Encoding", "gzip;q=0, identity");
        assertFalse(plain.headers().firstValue("Content-Encoding").isPresent());
        assertArrayEquals(XmlRpcCodec.encodeResult(OneResult.ok(EchoDispatcher.bigDocument(100_000))), plain.body());
    }

    @Test
    public void answersInPartsAreStreamedAsTheBytesOfOneString() throws Exception {
        byte[] expected = XmlRpcCodec.encodeResult(OneResult.ok(EchoDispatcher.bigDocument(1_500_000)));
        byte[] request = XmlRpcCodec.encodeCall(new MethodCall("echo.parts", List.of("S", 1_500_000)));
        HttpResponse<byte[]> plain = post(request, "Accept-Encoding", "identity");
        assertEquals(200, plain.statusCode());
        assertEquals(String.valueOf(expected.length), plain.headers().firstValue("Content-Length").orElse(""));
        assertArrayEquals(expected, plain.body());
        HttpResponse<byte[]> gzipped = post(request, "Accept-Encoding", "gzip");
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(""));
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertArrayEquals(expected, in.readAllBytes());
        }
        assertEquals(List.of(true, EchoDispatcher.bigDocument(1_500_000), 0),
                new XmlRpcClient(SERVER.endpoint()).call("echo.parts", "S", 1_500_000));
    }

    // ---- Apache XML-RPC (fork) client ----

    @Test
    public void apacheClient() throws Exception {
        XmlRpcClientConfigImpl config = new XmlRpcClientConfigImpl();
        config.setServerURL(new URL(SERVER.endpoint().toString()));
        config.setEnabledForExtensions(true); // makes it send ex:i8 and ex:nil
        org.apache.xmlrpc.client.XmlRpcClient apache = new org.apache.xmlrpc.client.XmlRpcClient();
        apache.setConfig(config);

        assertArrayEquals(new Object[] {true, 42, 0}, (Object[]) apache.execute("echo.id", new Object[] {"S", 42}));
        Object[] types = (Object[]) apache.execute("echo.types", new Object[] {"S", 9_000_000_000L, null, true, 1.5});
        assertEquals("[str:S,i8:9000000000,nil,bool:true,double:1.5]", types[1]);
        assertArrayEquals(new Object[] {true, 3, 0}, (Object[]) apache.execute("echo.id", new Object[] {"S", 3L}));
        try {
            apache.execute("one.nosuch.method", new Object[] {"S"});
            fail("fault expected");
        } catch (XmlRpcException e) {
            assertEquals(-506, e.code);
            assertEquals("Method 'one.nosuch.method' not defined", e.getMessage());
        }
    }

    // ---- Python 3 xmlrpc.client ----

    @Test
    public void python3Client() throws Exception {
        assumePython3();
        String script = String.join("\n",
                "import sys, xmlrpc.client",
                "p = xmlrpc.client.ServerProxy(sys.argv[1], allow_none=True)",
                "print(repr(p.echo.id('alice:secret', 100)))",
                "print(repr(p.echo.types('S', 1, True, 'a<b', 1.5, [1, 'x'], {'k': None}, None)))",
                "print(repr(p.echo.error('S', 'bad & worse')))",
                "try:",
                "    p.one.nosuch.method('S')",
                "except xmlrpc.client.Fault as f:",
                "    print('FAULT', f.faultCode, f.faultString)",
                "r = p.echo.big('S', 200000)",
                "print(r[0], len(r[1]), r[2])");
        List<String> lines = runPython(script, SERVER.endpoint().toString());
        assertEquals("[True, 100, 0]", lines.get(0));
        assertEquals("[True, '[str:S,int:1,bool:true,str:a<b,double:1.5,[int:1,str:x],{k=nil},nil]', 0]", lines.get(1));
        assertEquals("[False, 'bad & worse', 1024]", lines.get(2));
        assertEquals("FAULT -506 Method 'one.nosuch.method' not defined", lines.get(3));
        assertEquals("True " + EchoDispatcher.bigDocument(200_000).length() + " 0", lines.get(4));
    }

    // ---- Python 2 bytes, keep-alive ----

    @Test
    public void python2BytesOnAKeptAliveConnection() throws Exception {
        byte[] body = Requests.PYTHON2_VM_INFO.replace("one.vm.info", "echo.id").getBytes(StandardCharsets.UTF_8);
        try (RawHttp http = new RawHttp(SERVER.port())) {
            for (int i = 0; i < 3; i++) {
                http.send(RawHttp.python2Head(SERVER.port(), body.length), body);
                RawHttp.Reply reply = http.read();
                assertEquals(200, reply.status());
                assertEquals("text/xml", reply.headers().get("content-type"));
                assertNotEquals("close", reply.headers().get("connection"));
                assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<methodResponse>\r\n<params>\r\n"
                        + "<param><value><array><data>\r\n<value><boolean>1</boolean></value>\r\n<value><i4>100</i4></value>\r\n"
                        + "<value><i4>0</i4></value>\r\n</data></array></value></param>\r\n</params>\r\n</methodResponse>\r\n",
                        reply.text());
            }
        }
    }

    // ---- HTTP layer and bad requests ----

    @Test
    public void onlyPostIsAllowed() throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(SERVER.endpoint()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(405, response.statusCode());
        assertEquals("POST", response.headers().firstValue("Allow").orElse(""));
    }

    @Test
    public void hugeDeclaredBodyGets413BeforeBeingSent() throws Exception {
        try (RawHttp http = new RawHttp(SERVER.port(), ANSWER_BEFORE_IDLE_MS)) {
            // only the head of a 64 MB body is sent: the answer must not wait for it
            http.send(RawHttp.python2Head(SERVER.port(), 64 << 20), null);
            RawHttp.Reply reply = http.read();
            assertEquals(413, reply.status());
            assertEquals("close", reply.headers().get("connection"));
            assertTrue(http.closedByPeer());
        }
        assertServerStillServes();
    }

    @Test
    public void declaredBodyOverTheCapGets413WithoutBeingRead() throws Exception {
        try (RawHttp http = new RawHttp(SERVER.port(), ANSWER_BEFORE_IDLE_MS)) {
            // issue 13 item 5: only the head is sent; the answer must not wait for any of the body
            http.send(RawHttp.python2Head(SERVER.port(), MAX_BODY + 1), null);
            RawHttp.Reply reply = http.read();
            assertEquals(413, reply.status());
            assertEquals("Payload Too Large", reply.reason());
            assertEquals("close", reply.headers().get("connection"));
            assertTrue(http.closedByPeer());
        }
        assertServerStillServes();
    }

    @Test
    public void chunkedBodyOverTheCapIsCutAtTheCap() throws Exception {
        byte[] big = Requests.call("<value><string>" + "x".repeat(MAX_BODY) + "</string></value>").getBytes(StandardCharsets.UTF_8);
        try (RawHttp http = new RawHttp(SERVER.port(), ANSWER_BEFORE_IDLE_MS)) {
            // issue 13 item 5: the body never ends; the 413 must come once the cap is passed,
            // without the server reading on
            String head = "POST /RPC2 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n";
            http.send(head + Integer.toHexString(big.length) + "\r\n", big);
            http.send("\r\n", null);
            RawHttp.Reply reply = http.read();
            assertEquals(413, reply.status());
            assertEquals("close", reply.headers().get("connection"));
        }
        assertServerStillServes();
    }

    @Test
    public void badRequestsGetFaultsAndTheServerKeepsServing() throws Exception {
        assertFaultOverHttp("<methodCall><methodName>m</methodName>", -503);
        assertServerStillServes();
        assertFaultOverHttp("<?xml version=\"1.0\"?><!DOCTYPE methodCall [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<methodCall><methodName>&x;</methodName></methodCall>", -503);
        assertServerStillServes();
        assertFaultOverHttp(Requests.call("<value><ex:serializable xmlns:ex=\"http://ws.apache.org/xmlrpc/namespaces/extensions\">AA==</ex:serializable></value>"), -501);
        assertServerStillServes();
        assertFaultOverHttp("\u0000garbage", -503);
        assertServerStillServes();
    }

    // ---- helpers ----

    private interface Call {
        Object run() throws Exception;
    }

    private static void assertFault(int code, String message, Call call) throws Exception {
        try {
            Object value = call.run();
            fail("expected fault " + code + ", got " + value);
        } catch (XmlRpcFault fault) {
            assertEquals(code, fault.code());
            assertEquals(message, fault.getMessage());
        }
    }

    private static void assertFaultOverHttp(String body, int code) throws Exception {
        HttpResponse<byte[]> response = post(body.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode());
        assertEquals("text/xml", response.headers().firstValue("Content-Type").orElse(""));
        try {
            XmlRpcCodec.parseResponse(new ByteArrayInputStream(response.body()));
            fail("fault expected");
        } catch (XmlRpcFault fault) {
            assertEquals(fault.getMessage(), code, fault.code());
            assertFalse(fault.getMessage().contains("root:"));
        }
    }

    private static void assertServerStillServes() throws Exception {
        assertEquals(List.of(true, 5, 0), new XmlRpcClient(SERVER.endpoint()).call("echo.id", "S", 5));
    }

    private static HttpResponse<byte[]> post(byte[] body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(SERVER.endpoint()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assumePython3() {
        boolean available;
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            available = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            available = false;
        }
        if (!available && "1".equals(System.getenv("STRATUSLAB_FULL_TESTS"))) {
            fail("python3 is required when STRATUSLAB_FULL_TESTS=1");
        }
        Assume.assumeTrue("python3 not available", available);
    }

    private static List<String> runPython(String script, String... args) throws Exception {
        String[] command = new String[3 + args.length];
        command[0] = "python3";
        command[1] = "-c";
        command[2] = script;
        System.arraycopy(args, 0, command, 3, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("python3 did not finish", p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("python3 failed:\n" + output, 0, p.exitValue());
        return Arrays.asList(output.split("\n"));
    }
}
