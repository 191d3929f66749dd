package eu.stratuslab.pdisk.http;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.Test;

import eu.stratuslab.pdisk.support.OnAPdisk;
import eu.stratuslab.pdisk.support.PdiskFixture;

/**
 * Issue 13 item 5 on pdisk: a declared body over the form limit is answered 413 without a byte of
 * it being read, authenticated or not; a chunked body is cut at the limit. The socket's read
 * timeout (10 s) is well below Jetty's 30 s idle timeout: an answer within it did not wait for the
 * body.
 */
public class OversizeRequestTest extends OnAPdisk {

    /** pdisk's form limit ({@code PdiskApiHandler.MAX_FORM_BYTES}). */
    private static final int FORM_LIMIT = 1 << 20;
    private String exchange(String head, byte[] body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", pdisk.endpoint.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1); // until the server closes
        }
    }

    private String head(String authorization, String lengthOrChunked) {
        return "POST " + pdisk.endpoint.getPath() + "/pswd/disks/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Accept: application/json\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + lengthOrChunked + "\r\n";
    }

    @Test
    public void declaredOversizeBodyIs413WithoutBeingReadEvenUnauthenticated() throws Exception {
        for (String auth : new String[] {null, PdiskFixture.basic("alice")}) {
            String answer = exchange(head(auth, "Content-Length: " + (FORM_LIMIT + 1) + "\r\n"), null);
            assertTrue(answer, answer.startsWith("HTTP/1.1 413 "));
            assertTrue(answer, answer.toLowerCase().contains("connection: close"));
        }
    }

    @Test
    public void chunkedOversizeBodyIsCutAtTheLimit() throws Exception {
        byte[] chunk = ("size=1&tag=" + "x".repeat(FORM_LIMIT)).getBytes(StandardCharsets.US_ASCII);
        // the body never ends: the 413 must come once the limit is passed
        String answer = exchange(head(PdiskFixture.basic("alice"), "Transfer-Encoding: chunked\r\n")
                + Integer.toHexString(chunk.length) + "\r\n", chunk);
        assertTrue(answer, answer.startsWith("HTTP/1.1 413 "));
    }
}
