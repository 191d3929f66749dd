package eu.stratuslab.authn.tls;

import eu.stratuslab.authn.testca.TestCa;
import eu.stratuslab.authn.testca.TestCa.Credential;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Python 3 clients (OpenSSL as the TLS client, like the legacy {@code stratus-*} tools) against the
 * real server: {@code xmlrpc.client} and {@code http.client} with an EEC and with RFC 3820 proxies
 * written as PEM files reach the endpoint as the EEC identity; an expired proxy is refused with 403.
 * Skipped when python3 is missing, unless STRATUSLAB_FULL_TESTS=1.
 */
public class PythonTlsClientTest {

    private static final String JANE = "CN=Jane Tester,OU=LAL,O=CNRS,C=FR";
    private static final String SCRIPT = String.join("\n",
            "import sys, ssl, http.client, xmlrpc.client",
            "port, cafile, certfile, keyfile, mode = sys.argv[1:6]",
            "ctx = ssl.create_default_context(cafile=cafile)",
            "ctx.load_cert_chain(certfile, keyfile)",
            "try:",
            "    if mode == 'xmlrpc':",
            "        server = xmlrpc.client.ServerProxy('https://localhost:%s/cert/xmlrpc' % port, context=ctx)",
            "        status, identity = 200, server.one.user.info('dummy:pass', -1)",
            "    else:",
            "        conn = http.client.HTTPSConnection('localhost', int(port), context=ctx, timeout=30)",
            "        conn.request('GET', '/cert/echo')",
            "        response = conn.getresponse()",
            "        body = response.read().decode('utf-8')",
            "        status = response.status",
            "        identity = body.split('\\n')[0] if status == 200 else ''",
            "except xmlrpc.client.ProtocolError as e:",
            "    status, identity = e.errcode, ''",
            "print(status)",
            "print(identity)",
            "");

    @ClassRule
    public static final CertTlsServerRule TLS = new CertTlsServerRule();

    private static Path script;
    private static Path serverCertPem;

    @BeforeClass
    public static void start() throws Exception {
        boolean full = "1".equals(System.getenv("STRATUSLAB_FULL_TESTS"));
        boolean python = pythonAvailable();
        if (full && !python) {
            fail("python3 is required when STRATUSLAB_FULL_TESTS=1");
        }
        Assume.assumeTrue("python3 not available", python);
        script = TLS.folder().resolve("client.py");
        Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
        serverCertPem = TLS.folder().resolve("server.pem");
        Files.writeString(serverCertPem, TestCa.pem(TLS.server().serverCertificate), StandardCharsets.US_ASCII);
    }

    @Test
    public void xmlrpcWithEec() throws Exception {
        assertEquals(List.of("200", JANE), run(TLS.ca().user, "xmlrpc"));
    }

    @Test
    public void xmlrpcWithRfc3820Proxy() throws Exception {
        assertEquals(List.of("200", JANE), run(TLS.ca().rfcProxy, "xmlrpc"));
    }

    @Test
    public void httpClientWithProxiesOfAnyKind() throws Exception {
        TestCa ca = TLS.ca();
        for (Credential c : List.of(ca.user, ca.rfcProxy, ca.legacyProxy, ca.proxyOfProxy, ca.vomsProxy)) {
            assertEquals(c.toString(), List.of("200", JANE), run(c, "http"));
        }
    }

    @Test
    public void expiredProxyIsRefused() throws Exception {
        assertEquals(List.of("403", ""), run(TLS.ca().expiredProxy, "xmlrpc"));
        assertEquals(List.of("403", ""), run(TLS.ca().expiredProxy, "http"));
    }

    private static List<String> run(Credential credential, String mode) throws Exception {
        Path cert = Files.createTempFile(TLS.folder(), "usercert", ".pem");
        Path key = Files.createTempFile(TLS.folder(), "userkey", ".pem");
        credential.writePem(cert, key);
        Process p = new ProcessBuilder("python3", script.toString(), String.valueOf(TLS.server().port), serverCertPem.toString(),
                cert.toString(), key.toString(), mode).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("python timed out", p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(credential + " (" + mode + "): " + out, 0, p.exitValue());
        return List.of(out.split("\n", -1)).subList(0, 2);
    }

    private static boolean pythonAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import ssl, xmlrpc.client").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
