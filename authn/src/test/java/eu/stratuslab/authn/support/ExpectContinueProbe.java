package eu.stratuslab.authn.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Sends only the head of a request that declares a body and {@code Expect: 100-continue}, as curl
 * does before a large upload, and returns what the server answers until it closes the connection.
 * A server that refuses the body up front answers its final status (and never {@code 100
 * Continue}); one that would read it answers {@code 100 Continue} and then waits, which shows here
 * as a timeout. A raw socket because the JDK 17 HttpClient may hang for ever on a final answer to
 * {@code Expect: 100-continue}.
 */
public final class ExpectContinueProbe {

    private ExpectContinueProbe() {
    }

    /**
     * @param headers name/value pairs added to the head
     * @return the whole answer, head and body, as text
     * @throws IOException with what arrived so far when the server neither answers nor closes in 10 s
     */
    public static String send(URI url, String method, long contentLength, String... headers) throws IOException {
        StringBuilder head = new StringBuilder(method).append(' ').append(url.getRawPath())
                .append(url.getRawQuery() == null ? "" : "?" + url.getRawQuery()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(url.getHost()).append(':').append(url.getPort()).append("\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        head.append("Expect: 100-continue\r\nContent-Length: ").append(contentLength).append("\r\n\r\n");
        try (Socket s = new Socket(url.getHost(), url.getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    got.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                throw new IOException("no final answer within 10 s; received: "
                        + got.toString(StandardCharsets.UTF_8), e);
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }
}
